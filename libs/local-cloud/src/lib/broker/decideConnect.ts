import { AWS_IOT_LIMITS } from '@iot-gateway-net/topics';
import type { ConnectionPermissions } from '../authz/createConnectionPermissions.js';
import { publishTopicProblem } from './publishTopicProblem.js';

/** CONNACK return codes the broker refuses with (MQTT 3.1.1 section 3.2.2.3). */
export type ConnackRefusal = 2 | 5;

/** What the broker answers to an authenticated CONNECT. */
export type ConnectVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** `2` identifier rejected, `5` not authorized. */
      readonly returnCode: ConnackRefusal;
      /** True when AWS publishes a `connect_failed` lifecycle event (authorization failures). */
      readonly connectFailed: boolean;
      /** The policy action that was denied, for denials. */
      readonly action?: 'iot:Connect' | 'iot:Publish' | 'iot:RetainPublish';
      readonly message: string;
    };

/** What {@link decideConnect} needs to know about a CONNECT and its principal. */
export interface ConnectRequest {
  readonly clientId: string;
  readonly will?: {
    readonly topic: string;
    readonly retain: boolean;
    readonly payloadBytes: number;
  };
  readonly maxPayloadBytes: number;
  readonly permissions: Pick<ConnectionPermissions, 'connect' | 'publish' | 'retainPublish'>;
}

const encoder = new TextEncoder();

/**
 * Decides a CONNECT whose client is authenticated:
 * - a client id over 128 bytes is rejected (AWS quota "Client ID size"): return code 2;
 * - `iot:Connect` on `client/<clientId>` must be allowed: return code 5 and a `connect_failed`
 *   event (AWS IoT Developer Guide, "Lifecycle events", connect_failed);
 * - a Will must be one the client could publish: a valid, non-reserved topic within the payload
 *   limit, `iot:Publish` on it and, for a retained Will, `iot:RetainPublish` ("Retained message
 *   policy examples"); otherwise the connection fails (return code 5).
 * Never throws.
 */
export function decideConnect(request: ConnectRequest): ConnectVerdict {
  const { clientId, will, permissions } = request;
  const idBytes = encoder.encode(clientId).byteLength;
  if (idBytes > AWS_IOT_LIMITS.clientIdBytes) {
    return {
      ok: false,
      returnCode: 2,
      connectFailed: false,
      message: `Unexpected client id of ${idBytes} bytes, expected at most ${AWS_IOT_LIMITS.clientIdBytes}`,
    };
  }
  if (permissions.connect(clientId).decision !== 'allow') {
    return {
      ok: false,
      returnCode: 5,
      connectFailed: true,
      action: 'iot:Connect',
      message: `Connect as client "${clientId}" is not allowed by the principal's policies`,
    };
  }
  if (will === undefined) {
    return { ok: true };
  }
  const problem = publishTopicProblem(will.topic, will.retain);
  if (problem !== undefined) {
    return { ok: false, returnCode: 5, connectFailed: false, message: `Invalid Will: ${problem}` };
  }
  if (will.payloadBytes > request.maxPayloadBytes) {
    return {
      ok: false,
      returnCode: 5,
      connectFailed: false,
      message: `Unexpected Will payload of ${will.payloadBytes} bytes, expected at most ${request.maxPayloadBytes}`,
    };
  }
  if (permissions.publish(will.topic).decision !== 'allow') {
    return {
      ok: false,
      returnCode: 5,
      connectFailed: true,
      action: 'iot:Publish',
      message: `Will topic "${will.topic}" is not allowed by the principal's policies (iot:Publish)`,
    };
  }
  if (will.retain && permissions.retainPublish(will.topic).decision !== 'allow') {
    return {
      ok: false,
      returnCode: 5,
      connectFailed: true,
      action: 'iot:RetainPublish',
      message: `Retained Will on "${will.topic}" is not allowed by the principal's policies (iot:RetainPublish)`,
    };
  }
  return { ok: true };
}
