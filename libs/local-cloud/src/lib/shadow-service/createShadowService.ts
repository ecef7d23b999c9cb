import { parseShadowTopic } from '@iot-gateway-net/topics';
import type { CloudContext } from '../context/CloudContext.js';
import type { InboundMessage, MessageBus } from '../context/MessageBus.js';
import { createShadowEngine } from './createShadowEngine.js';
import { isShadowRequestOperation } from './isShadowRequestOperation.js';
import type { ShadowService, ShadowServiceOptions } from './types.js';

/**
 * Every topic a client may publish a shadow request to (classic and named shadows). The answer
 * topics match too and are ignored: on AWS a client publishing to `.../update/accepted` only sends
 * a message to that topic's subscribers.
 */
const SHADOW_TOPICS = '$aws/things/+/shadow/#';

/**
 * Starts the Device Shadow service over MQTT (AWS IoT Developer Guide, "Device Shadow MQTT
 * topics"): a client publish to `$aws/things/<thing>/shadow[/name/<shadow>]/{get,update,delete}`
 * is executed by the shared {@link createShadowEngine} and answered on the `accepted`, `rejected`,
 * `delta` and `documents` topics. Publishes to any other shadow topic, or with a thing or shadow
 * name AWS would not accept, are left alone (the broker still delivers them to subscribers).
 *
 * The returned service also executes HTTPS requests (`execute`), so that the data plane shares the
 * per-shadow ordering with MQTT. `close()` stops taking requests and waits for those in flight.
 */
export function createShadowService(
  ctx: CloudContext,
  bus: MessageBus,
  options: ShadowServiceOptions = {},
): ShadowService {
  const engine = createShadowEngine(ctx, bus, options);
  const onMessage = (message: InboundMessage): void => {
    const topic = parseShadowTopic(message.topic);
    if (topic === undefined || !isShadowRequestOperation(topic.operation)) return;
    // Not awaited: AWS keeps up to 10 requests of one connection in flight, and the engine
    // orders requests per shadow itself.
    void engine.execute({
      operation: topic.operation,
      thingName: topic.thingName,
      shadowName: topic.shadowName,
      payload: message.payload,
      protocol: 'mqtt',
      connectionId: message.clientId,
    });
  };
  const removeHandler = bus.handle(SHADOW_TOPICS, onMessage);
  let closed = false;
  return {
    execute: (request) => engine.execute(request),
    drain: () => engine.drain(),
    async close() {
      if (!closed) {
        closed = true;
        removeHandler();
      }
      await engine.drain();
    },
  };
}
