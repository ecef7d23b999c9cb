import type { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import type { Aedes, AedesPublishPacket, Client } from 'aedes';

// Aedes 1.2.0 (pinned in package.json) does not expose everything AWS's deviations from MQTT need.
// These are the internals the broker reaches into, named here so that an Aedes upgrade shows
// every place to re-check.

/** The retained-message part of Aedes' persistence, replaced by the registry-backed store. */
export interface RetainedPersistence {
  storeRetained(packet: AedesPublishPacket): Promise<void>;
  createRetainedStream(pattern: string): Readable;
  createRetainedStreamCombi(patterns: string[]): Readable;
}

/**
 * The message router (mqemitter 7), which Aedes' typings leave out: its public `on` and `emit`, its
 * in-flight count and its delivery step.
 */
export interface EmitterInternals {
  on(topic: string, listener: (message: unknown, done: () => void) => void): unknown;
  emit(message: { topic: string }, callback?: (error?: Error) => void): unknown;
  /** Messages being delivered now; at `concurrency`, `emit` queues instead. */
  current: number;
  /** Starts delivering one message; called by `emit` and, for the next queued one, on release. */
  _do(message: unknown, callback: unknown): unknown;
}

/** The broker's internals: connected clients by id, its persistence and its message router. */
export interface AedesInternals {
  readonly clients: Readonly<Record<string, Client | undefined>>;
  readonly persistence: RetainedPersistence;
  readonly mq: EmitterInternals;
}

/** A client's internals: its packet parser, DISCONNECT flag and de-duplication state. */
export interface ClientInternals {
  /** The mqtt-packet parser; emits `packet` for every decoded packet before Aedes handles it. */
  readonly _parser: EventEmitter;
  /** Set when the client sent DISCONNECT (then the Will is not published). */
  _disconnected: boolean;
  /**
   * Highest `brokerCounter` delivered per broker id. Aedes drops a delivery whose counter is not
   * above it, which loses messages that overtake each other on their way through the broker (a
   * retained publish takes one more asynchronous step than a plain one).
   */
  duplicates: Record<string, number>;
}

/** Views an Aedes broker through {@link AedesInternals}. */
export function aedesInternals(aedes: Aedes): AedesInternals {
  return aedes as unknown as AedesInternals;
}
