import type { IClientOptions } from 'mqtt';
import type { MqttsTarget } from './connectDevice.js';
import type { DeviceCredentials } from './types.js';

/**
 * MQTT.js options of a robot: MQTT over TLS to `target` with `device`'s certificate, MQTT 3.1.1
 * (the local broker has no MQTT 5), no reconnects.
 */
export function deviceClientOptions(
  target: MqttsTarget,
  device: DeviceCredentials,
  clientId: string,
): IClientOptions {
  return {
    protocol: 'mqtts',
    host: target.host,
    port: target.port,
    ca: target.rootCaPem,
    cert: device.certificatePem,
    key: device.privateKeyPem,
    clientId,
    protocolVersion: 4,
    reconnectPeriod: 0,
  };
}
