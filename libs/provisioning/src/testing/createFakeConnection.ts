import type { ProvisioningConnection, QosOptions } from '../lib/connection/types.js';

/** One thing the client did to the fake connection, in order. */
export type ConnectionEvent =
  | { readonly kind: 'subscribe'; readonly filters: readonly string[] }
  | { readonly kind: 'suback'; readonly filters: readonly string[] }
  | { readonly kind: 'unsubscribe'; readonly filters: readonly string[] }
  | { readonly kind: 'publish'; readonly topic: string; readonly payload: Uint8Array };

/** An in-memory {@link ProvisioningConnection} for unit specs. */
export interface FakeConnection extends ProvisioningConnection {
  /** Everything the client did, in order. */
  readonly events: ConnectionEvent[];
  /** Publishes seen so far. */
  readonly published: () => { topic: string; payload: Uint8Array }[];
  /** Number of registered message listeners. */
  readonly listenerCount: () => number;
  /** Delivers a message to the listeners, as the broker would. */
  deliver(topic: string, payload: Uint8Array | string): void;
  /** Called on every publish, after it is recorded; answer from here to act like AWS. */
  onPublish: ((topic: string, payload: Uint8Array) => void) | undefined;
  /** When set, subscribe waits for this promise before its SUBACK (or rejects with it). */
  subackGate: Promise<void> | undefined;
  /** When set, the next publish rejects with this error. */
  publishError: Error | undefined;
}

/** Creates a {@link FakeConnection} that records calls and delivers only what a spec tells it to. */
export function createFakeConnection(): FakeConnection {
  const events: ConnectionEvent[] = [];
  const listeners = new Set<(topic: string, payload: Uint8Array) => void>();
  const encoder = new TextEncoder();
  const fake: FakeConnection = {
    events,
    published: () =>
      events.flatMap((event) =>
        event.kind === 'publish' ? [{ topic: event.topic, payload: event.payload }] : [],
      ),
    listenerCount: () => listeners.size,
    onPublish: undefined,
    subackGate: undefined,
    publishError: undefined,
    async subscribe(filters: string[], _options: QosOptions) {
      events.push({ kind: 'subscribe', filters: [...filters] });
      await (fake.subackGate ?? Promise.resolve());
      events.push({ kind: 'suback', filters: [...filters] });
    },
    async unsubscribe(filters: string[]) {
      events.push({ kind: 'unsubscribe', filters: [...filters] });
      await Promise.resolve();
    },
    async publish(topic: string, payload: Uint8Array | string, _options: QosOptions) {
      const bytes = typeof payload === 'string' ? encoder.encode(payload) : payload;
      events.push({ kind: 'publish', topic, payload: bytes });
      const error = fake.publishError;
      fake.publishError = undefined;
      if (error !== undefined) {
        throw error;
      }
      fake.onPublish?.(topic, bytes);
      await Promise.resolve();
    },
    onMessage(handler) {
      listeners.add(handler);
      return () => {
        listeners.delete(handler);
      };
    },
    deliver(topic, payload) {
      const bytes = typeof payload === 'string' ? encoder.encode(payload) : payload;
      for (const listener of [...listeners]) {
        listener(topic, bytes);
      }
    },
  };
  return fake;
}
