import type { FailureReason } from '@iot-gateway-net/rotation';
import type { ConnectionOptions } from 'node:tls';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { CredentialFiles } from '../credentials/types.js';
import { classifyConnectError } from './classifyConnectError.js';
import { disableNagle } from './disableNagle.js';

/** How opening the claim connection ended. */
export type ClaimConnectResult =
  | { readonly ok: true; readonly client: MqttClient }
  | { readonly ok: false; readonly reason: FailureReason; readonly message: string };

/**
 * Opens the claim connection (MQTT.js over TLS 1.2+, clean session, no automatic reconnect) and
 * settles on its first CONNACK, its refusal or its failure. MQTT.js' `connectAsync` never settles
 * for a refused certificate with `reconnectPeriod: 0`, hence `connect()` with listeners and a
 * timeout. `signal` aborts the attempt (the client is ended).
 */
export function openClaimConnection(options: {
  host: string;
  port: number;
  ca: string;
  credential: CredentialFiles;
  clientId: string;
  keepaliveSeconds: number;
  timeoutMs: number;
  signal: AbortSignal;
}): Promise<ClaimConnectResult> {
  // TLS 1.2+ as AWS IoT requires (Node's default too, stated so a changed default cannot lower it);
  // MQTT.js hands these options to tls.connect.
  const connectOptions: IClientOptions & Pick<ConnectionOptions, 'minVersion'> = {
    protocol: 'mqtts',
    host: options.host,
    port: options.port,
    ca: options.ca,
    cert: options.credential.certificatePem,
    key: options.credential.privateKeyPem,
    minVersion: 'TLSv1.2',
    rejectUnauthorized: true,
    protocolVersion: 4,
    clientId: options.clientId,
    clean: true,
    keepalive: options.keepaliveSeconds,
    connectTimeout: options.timeoutMs,
    reconnectPeriod: 0,
    // MQTT.js's number cache holds 65,536 small Buffers (about 6 MiB), a tenth of a robot's memory
    // budget, to save a few bytes of copying per packet.
    writeCache: false,
  };
  const client = mqtt.connect(connectOptions);
  disableNagle(client);
  return new Promise((resolve) => {
    let failure: { reason: FailureReason; message: string } | undefined;
    const finish = (result: ClaimConnectResult): void => {
      clearTimeout(timer);
      client.off('connect', onConnect);
      client.off('error', onError);
      client.off('close', onClose);
      options.signal.removeEventListener('abort', onAbort);
      if (!result.ok) client.end(true);
      resolve(result);
    };
    const onConnect = (): void => finish({ ok: true, client });
    const onError = (error: Error): void => {
      const reason = classifyConnectError(error);
      // Keep the most telling failure: a refusal beats the socket error that follows it.
      if (failure === undefined || reason !== 'error') failure = { reason, message: error.message };
      if (reason !== 'error') finish({ ok: false, ...failure });
    };
    const onClose = (): void =>
      finish({
        ok: false,
        ...(failure ?? { reason: 'error', message: 'Connection closed before CONNACK' }),
      });
    const onAbort = (): void => finish({ ok: false, reason: 'error', message: 'Stopped' });
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          reason: 'timeout',
          message: `No CONNACK within ${options.timeoutMs} ms`,
        }),
      options.timeoutMs,
    );
    client.on('connect', onConnect);
    client.on('error', onError);
    client.on('close', onClose);
    options.signal.addEventListener('abort', onAbort);
  });
}
