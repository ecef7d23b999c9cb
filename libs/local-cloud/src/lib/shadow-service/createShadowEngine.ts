import {
  ShadowError,
  handleShadowRequest,
  readClientToken,
  type HandleShadowRequestResult,
  type ShadowMessage,
} from '@iot-gateway-net/shadow';
import { AWS_IOT_LIMITS, ShadowErrorSchema, shadowTopic } from '@iot-gateway-net/topics';
import type { CloudContext } from '../context/CloudContext.js';
import type { MessageBus } from '../context/MessageBus.js';
import { commitInGroup } from '../registry/commitInGroup.js';
import { createKeyedQueue } from './createKeyedQueue.js';
import type { ShadowEngine, ShadowOutcome, ShadowRequest, ShadowServiceOptions } from './types.js';

const SHADOW_OPERATIONS_METRIC = 'local_cloud_shadow_operations_total';

/**
 * Creates the Device Shadow request executor that the MQTT service and the HTTPS data plane share,
 * so both APIs have one behaviour. For each request it:
 *
 * 1. answers 429 when the request's connection already has `maxInFlightPerConnection` requests in
 *    flight (AWS IoT Developer Guide, "Device Shadow error messages");
 * 2. waits for the earlier requests on the same shadow, so versions, `delta` and `documents`
 *    follow the order requests arrived in;
 * 3. in one registry transaction reads the stored shadow (`''` is the classic one), applies the
 *    request with `handleShadowRequest` of `@iot-gateway-net/shadow` and stores the result when it
 *    changed. The thing need not be registered: AWS keeps shadows for any thing name ("Managing
 *    devices with AWS IoT": no mapping is enforced between registry names and shadow state;
 *    ListNamedShadowsForThing answers an empty list for an unknown thing);
 * 4. publishes the answers through the broker at QoS 1, so each subscriber receives them at the QoS
 *    it subscribed with (AWS: the subscription's QoS decides delivery, aws-iot-device-sdk-python
 *    issue 113). An HTTPS request publishes only the side effects of a successful update or delete.
 *
 * Counts every request in the `local_cloud_shadow_operations_total` counter by `operation`,
 * `result` (`accepted` / `rejected`) and `protocol`.
 */
export function createShadowEngine(
  ctx: Pick<CloudContext, 'registry' | 'clock' | 'logger' | 'metrics'>,
  bus: Pick<MessageBus, 'publish'>,
  options: ShadowServiceOptions = {},
): ShadowEngine {
  const maxInFlight = options.maxInFlightPerConnection ?? AWS_IOT_LIMITS.shadowInFlightRequests;
  const logger = ctx.logger.child({ component: 'shadow' });
  const operations = ctx.metrics.counter(
    SHADOW_OPERATIONS_METRIC,
    'Device Shadow requests by operation, result (accepted or rejected) and protocol.',
  );
  const queue = createKeyedQueue();
  const inFlight = new Map<string, number>();

  const publishAll = async (messages: readonly ShadowMessage[]): Promise<void> => {
    for (const message of messages) {
      try {
        await bus.publish(message.topic, message.payload, { qos: 1 });
      } catch (error) {
        logger.error('shadow.publish_failed', { topic: message.topic, error });
      }
    }
  };

  const finish = async (
    request: ShadowRequest,
    messages: readonly ShadowMessage[],
  ): Promise<ShadowOutcome> => {
    const [answer] = messages;
    if (answer === undefined) {
      // handleShadowRequest always answers; keep the type honest without asserting.
      return internalFailure(request, new Error('the shadow library returned no answer'));
    }
    const accepted = answer.topic.endsWith('/accepted');
    const outcome: ShadowOutcome = {
      accepted,
      status: accepted ? 200 : statusOf(answer.payload),
      body: answer.payload,
    };
    operations.inc({
      operation: request.operation,
      result: accepted ? 'accepted' : 'rejected',
      protocol: request.protocol,
    });
    if (!accepted) {
      logger.debug('shadow.rejected', {
        thingName: request.thingName,
        shadowName: request.shadowName,
        operation: request.operation,
        status: outcome.status,
      });
    }
    await publishAll(sideEffects(request, accepted, messages));
    return outcome;
  };

  const internalFailure = async (
    request: ShadowRequest,
    error: unknown,
  ): Promise<ShadowOutcome> => {
    logger.error('shadow.failed', {
      thingName: request.thingName,
      shadowName: request.shadowName,
      operation: request.operation,
      error,
    });
    const clientToken = readClientToken(request.payload);
    const payload = ShadowError.internalFailure(describe(error), {
      cause: error,
      ...(clientToken === undefined ? {} : { clientToken }),
    }).toPayload({ now: ctx.clock.now() });
    return finish(request, [rejection(request, JSON.stringify(payload))]);
  };

  const process = async (request: ShadowRequest): Promise<ShadowOutcome> => {
    const shadowKey = request.shadowName ?? '';
    let result: HandleShadowRequestResult;
    try {
      // Group commit (commitInGroup): a fleet's shadow updates share one fsync per event-loop turn;
      // the per-shadow queue keeps each shadow's requests in order.
      result = await commitInGroup(ctx.registry, () => {
        const stored = ctx.registry.getShadow(request.thingName, shadowKey);
        const handled = handleShadowRequest(
          request.operation,
          request.thingName,
          request.shadowName,
          request.payload,
          stored,
          { now: ctx.clock.now() },
        );
        if (handled.changed && handled.next !== undefined) {
          ctx.registry.putShadow(request.thingName, shadowKey, handled.next);
        }
        return handled;
      });
    } catch (error) {
      return internalFailure(request, error);
    }
    return finish(request, result.messages);
  };

  const tooManyRequests = (request: ShadowRequest, count: number): Promise<ShadowOutcome> => {
    const clientToken = readClientToken(request.payload);
    const payload = ShadowError.tooManyRequests(count + 1, maxInFlight, {
      ...(clientToken === undefined ? {} : { clientToken }),
    }).toPayload({ now: ctx.clock.now() });
    return finish(request, [rejection(request, JSON.stringify(payload))]);
  };

  return {
    execute(request) {
      const connection = request.connectionId;
      const count = connection === undefined ? 0 : (inFlight.get(connection) ?? 0);
      if (connection !== undefined && count >= maxInFlight) {
        return tooManyRequests(request, count);
      }
      if (connection !== undefined) inFlight.set(connection, count + 1);
      // Shadow keys cannot collide: thing names never contain '/'.
      const key = `${request.thingName}/${request.shadowName ?? ''}`;
      const done = queue.run(key, () => process(request));
      if (connection === undefined) return done;
      return done.finally(() => {
        const left = (inFlight.get(connection) ?? 1) - 1;
        if (left > 0) inFlight.set(connection, left);
        else inFlight.delete(connection);
      });
    },
    drain: () => queue.drain(),
  };
}

/**
 * What an answer publishes on MQTT. MQTT requests publish every answer. HTTPS requests get their
 * answer in the response; AWS publishes the MQTT side effects of a successful update (accepted,
 * delta, documents: "Interacting with shadows") and delete, never an error ("Device Shadow error
 * messages") nor a get.
 */
function sideEffects(
  request: ShadowRequest,
  accepted: boolean,
  messages: readonly ShadowMessage[],
): readonly ShadowMessage[] {
  if (request.protocol === 'mqtt') return messages;
  if (!accepted || request.operation === 'get') return [];
  return messages;
}

function rejection(request: ShadowRequest, payload: string): ShadowMessage {
  return {
    topic: shadowTopic(request.thingName, `${request.operation}/rejected`, request.shadowName),
    payload,
  };
}

function statusOf(errorDocument: string): number {
  try {
    const parsed = ShadowErrorSchema.safeParse(JSON.parse(errorDocument));
    return parsed.success ? parsed.data.code : 500;
  } catch {
    return 500;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
