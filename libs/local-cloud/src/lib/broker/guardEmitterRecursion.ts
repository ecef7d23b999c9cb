import type { EmitterInternals } from './aedesInternals.js';

// Nested deliveries started in one stack before the next one waits for setImmediate: far below
// what overflows Node's stack (each level is about ten frames), far above what a turn needs.
const MAX_NESTED_DELIVERIES = 64;

/**
 * Keeps Aedes' message router from overflowing the stack. mqemitter 7 drains the messages queued
 * behind its concurrency limit recursively: when a delivery completes synchronously (no subscriber
 * waits for a PUBACK), the next queued one starts inside the same call, and so on down the queue
 * (mcollina/mqemitter#204, open). A burst of a thousand publishes in one turn — 1,000 robots sending
 * their offline status together, committed as one group — then kills the broker with "Maximum call
 * stack size exceeded". Past {@link MAX_NESTED_DELIVERIES} nested deliveries the next one starts
 * from `setImmediate`, keeping its concurrency slot meanwhile so that the limit holds. Messages may
 * then be delivered in another order than they were published, as AWS IoT allows ("The message
 * broker does not guarantee the order in which messages and ACK are received", AWS IoT Developer
 * Guide, "AWS IoT differences from MQTT specifications"); the broker de-duplicates exactly, not by
 * order.
 */
export function guardEmitterRecursion(mq: EmitterInternals): void {
  const deliver = mq._do.bind(mq);
  let depth = 0;
  mq._do = (message, callback) => {
    if (depth >= MAX_NESTED_DELIVERIES) {
      mq.current += 1;
      setImmediate(() => {
        mq.current -= 1;
        mq._do(message, callback);
      });
      return mq;
    }
    depth += 1;
    try {
      return deliver(message, callback);
    } finally {
      depth -= 1;
    }
  };
}
