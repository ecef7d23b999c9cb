import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { deviceClientOptions } from './deviceClientOptions.js';
import type { DeviceCredentials } from './types.js';

/** Where a device connects: MQTT over TLS of a local cloud, and the root CA it trusts. */
export interface MqttsTarget {
  readonly host: string;
  readonly port: number;
  readonly rootCaPem: string;
}

/** Options of {@link connectDevice}: MQTT.js options that override the defaults, and a timeout. */
export type ConnectDeviceOptions = IClientOptions & {
  /** How long to wait for the CONNACK. Defaults to `5_000` ms. */
  readonly timeoutMs?: number;
};

/**
 * Connects MQTT.js to `target` over mutual TLS with `device`'s certificate, as a robot does: MQTT
 * 3.1.1 (the local broker has no MQTT 5), no reconnects. Waits on `connect` and `close` rather than
 * `connectAsync`, which never settles when the broker drops the TLS connection.
 *
 * @throws Error when the connection closes before the CONNACK (the message names the CONNACK code
 *   if there was one) or nothing arrives within `timeoutMs`.
 */
export function connectDevice(
  target: MqttsTarget,
  device: DeviceCredentials,
  clientId: string,
  options: ConnectDeviceOptions = {},
): Promise<MqttClient> {
  const { timeoutMs = 5_000, ...mqttOptions } = options;
  const client = mqtt.connect({
    ...deviceClientOptions(target, device, clientId),
    ...mqttOptions,
  });
  return new Promise((resolve, reject) => {
    let failure: (Error & { code?: number }) | undefined;
    const onError = (error: Error & { code?: number }): void => {
      failure = error;
    };
    const onConnect = (): void => {
      settle();
      resolve(client);
    };
    const onClose = (): void => {
      settle();
      client.end(true);
      reject(
        new Error(
          `${clientId} was closed before the CONNACK` +
            (failure === undefined ? '' : ` (${failure.message}, code ${String(failure.code)})`),
        ),
      );
    };
    const timer = setTimeout(() => {
      settle();
      client.end(true);
      reject(new Error(`${clientId} got no CONNACK within ${timeoutMs} ms`));
    }, timeoutMs);
    const settle = (): void => {
      clearTimeout(timer);
      client.off('error', onError);
      client.off('connect', onConnect);
      client.off('close', onClose);
    };
    client.on('error', onError);
    client.once('connect', onConnect);
    client.once('close', onClose);
  });
}
