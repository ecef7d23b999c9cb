import type { Authorizer, EvaluationResult } from '@iot-gateway-net/policy';
import type { ResourceArns } from './createResourceArns.js';

/** The MQTT questions of one connection, answered from its authorizer. */
export interface ConnectionPermissions {
  /** `iot:Connect` on `client/<clientId>`. */
  connect(clientId: string): EvaluationResult;
  /** `iot:Publish` on `topic/<topic>`. */
  publish(topic: string): EvaluationResult;
  /** `iot:RetainPublish` on `topic/<topic>` (needed in addition to `iot:Publish` for RETAIN). */
  retainPublish(topic: string): EvaluationResult;
  /** `iot:Subscribe` on `topicfilter/<filter>`. */
  subscribe(filter: string): EvaluationResult;
  /** `iot:Receive` on `topic/<topic>`, asked for every delivery. */
  receive(topic: string): EvaluationResult;
}

// Per-topic memo in front of the authorizer's own cache, so that the per-message path does not
// even build the ARN string. Cleared wholesale when full: topics of one connection are few.
const MAX_MEMO = 1024;

function memoize(decide: (topic: string) => EvaluationResult): (topic: string) => EvaluationResult {
  let memo = new Map<string, EvaluationResult>();
  return (topic) => {
    let result = memo.get(topic);
    if (result === undefined) {
      result = decide(topic);
      if (memo.size >= MAX_MEMO) {
        memo = new Map();
      }
      memo.set(topic, result);
    }
    return result;
  };
}

/**
 * Wraps a connection's authorizer in the five questions the broker asks (AWS IoT Developer Guide,
 * "AWS IoT Core policy actions"). Publish and Receive decisions are memoized by topic: the
 * authorizer is fixed for the connection's context and replaced as a whole when policies change.
 * Never throws.
 */
export function createConnectionPermissions(
  authorizer: Authorizer<EvaluationResult>,
  arns: ResourceArns,
): ConnectionPermissions {
  return {
    connect: (clientId) => authorizer.authorize('iot:Connect', arns.client(clientId)),
    publish: memoize((topic) => authorizer.authorize('iot:Publish', arns.topic(topic))),
    retainPublish: (topic) => authorizer.authorize('iot:RetainPublish', arns.topic(topic)),
    subscribe: (filter) => authorizer.authorize('iot:Subscribe', arns.topicFilter(filter)),
    receive: memoize((topic) => authorizer.authorize('iot:Receive', arns.topic(topic))),
  };
}
