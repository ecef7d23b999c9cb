import mqtt from 'mqtt';
import type { MqttsTarget } from './connectDevice.js';
import { deviceClientOptions } from './deviceClientOptions.js';
import type { DeviceCredentials } from './types.js';

/**
 * Connects like `connectDevice` where the broker is expected to refuse, and resolves once it closes
 * the connection: with the CONNACK return code (`5`, not authorized, for an unknown certificate), or
 * `undefined` when the broker closed without one.
 *
 * @throws Error when the connection is still open after `timeoutMs` (defaults to `5_000` ms).
 */
export function connectRefused(
  target: MqttsTarget,
  device: DeviceCredentials,
  clientId: string,
  timeoutMs = 5_000,
): Promise<number | undefined> {
  const client = mqtt.connect({
    ...deviceClientOptions(target, device, clientId),
  });
  let first: (Error & { code?: number }) | undefined;
  client.on('error', (error: Error & { code?: number }) => {
    first ??= error;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.end(true);
      reject(new Error(`${clientId} was not refused within ${timeoutMs} ms`));
    }, timeoutMs);
    client.once('close', () => {
      clearTimeout(timer);
      client.end(true);
      resolve(first?.code);
    });
  });
}
