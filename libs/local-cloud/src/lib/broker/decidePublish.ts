import type { DisconnectReason } from '@iot-gateway-net/topics';
import type { ConnectionPermissions } from '../authz/createConnectionPermissions.js';
import type { RateLimiter } from './createRateLimiter.js';
import { publishTopicProblem } from './publishTopicProblem.js';

/** What the broker does with a client PUBLISH. */
export type PublishVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** The connection is closed with this lifecycle `disconnectReason`. */
      readonly reason: DisconnectReason;
      /** The policy action that was denied, for denials. */
      readonly action?: 'iot:Publish' | 'iot:RetainPublish';
      readonly message: string;
    };

/** What {@link decidePublish} needs to know about one PUBLISH and its connection. */
export interface PublishRequest {
  readonly topic: string;
  readonly qos: number;
  readonly retain: boolean;
  readonly payloadBytes: number;
  readonly maxPayloadBytes: number;
  readonly permissions: Pick<ConnectionPermissions, 'publish' | 'retainPublish'>;
  readonly limiter: RateLimiter;
  /** Checks the topic; defaults to `publishTopicProblem` (a connection passes its memoized one). */
  readonly topicProblem?: (topic: string, retain: boolean) => string | undefined;
}

/**
 * Decides a client PUBLISH the way AWS IoT does under MQTT 3.1.1, where there is no negative
 * PUBACK and every refusal closes the connection:
 * - QoS 2 is not supported (AWS IoT Developer Guide, "MQTT", differences from the specification):
 *   `CLIENT_ERROR`;
 * - a bad or reserved topic, RETAIN on a reserved topic, or a payload over the limit: `CLIENT_ERROR`
 *   ("Lifecycle events": publishing beyond the payload limit is a client error);
 * - no `iot:Publish`, or no `iot:RetainPublish` for a RETAIN publish ("Retained message policy
 *   examples"): `AUTH_ERROR`;
 * - over the per-connection publish or throughput rate: `THROTTLED`.
 * The rate limiter is charged only for publishes that pass every other check. Never throws.
 */
export function decidePublish(request: PublishRequest): PublishVerdict {
  const { topic, retain, permissions } = request;
  if (request.qos === 2) {
    return {
      ok: false,
      reason: 'CLIENT_ERROR',
      message: `Unexpected QoS 2 publish to "${topic}", expected QoS 0 or 1`,
    };
  }
  const problem = (request.topicProblem ?? publishTopicProblem)(topic, retain);
  if (problem !== undefined) {
    return { ok: false, reason: 'CLIENT_ERROR', message: problem };
  }
  if (request.payloadBytes > request.maxPayloadBytes) {
    return {
      ok: false,
      reason: 'CLIENT_ERROR',
      message: `Unexpected payload of ${request.payloadBytes} bytes on "${topic}", expected at most ${request.maxPayloadBytes}`,
    };
  }
  if (permissions.publish(topic).decision !== 'allow') {
    return {
      ok: false,
      reason: 'AUTH_ERROR',
      action: 'iot:Publish',
      message: `Publish to "${topic}" is not allowed by the connection's policies`,
    };
  }
  if (retain && permissions.retainPublish(topic).decision !== 'allow') {
    return {
      ok: false,
      reason: 'AUTH_ERROR',
      action: 'iot:RetainPublish',
      message: `Retained publish to "${topic}" is not allowed by the connection's policies (iot:RetainPublish)`,
    };
  }
  const rate = request.limiter.take(request.payloadBytes);
  if (rate !== 'ok') {
    return {
      ok: false,
      reason: 'THROTTLED',
      message:
        rate === 'messages'
          ? `Too many publishes on this connection, expected at most the per-connection publish rate`
          : `Too many payload bytes per second on this connection, expected at most the per-connection throughput`,
    };
  }
  return { ok: true };
}
