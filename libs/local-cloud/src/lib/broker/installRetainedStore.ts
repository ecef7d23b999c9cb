import { Readable } from 'node:stream';
import type { AedesPublishPacket } from 'aedes';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { commitInGroup } from '../registry/commitInGroup.js';
import type { Registry } from '../registry/types.js';
import type { RetainedPersistence } from './aedesInternals.js';

function isExactFilter(filter: string): boolean {
  return !filter.includes('+') && !filter.includes('#');
}

function toBuffer(payload: AedesPublishPacket['payload']): Buffer {
  return typeof payload === 'string' ? Buffer.from(payload) : payload;
}

/**
 * Replaces Aedes' in-memory retained messages with the registry, with AWS IoT's semantics
 * (AWS IoT Developer Guide, "Using MQTT retained messages"):
 * - a RETAIN publish with a payload replaces the topic's retained message in the registry (so it
 *   survives restarts and the data plane's GetRetainedMessage sees it);
 * - a RETAIN publish with a 0-byte payload deletes it (and, as Aedes does anyway, is still
 *   delivered to current subscribers, not stored);
 * - on SUBSCRIBE, only filters that name a topic exactly receive its retained message: "Subscribing
 *   to a wild card topic filter that includes a retained message topic ... doesn't deliver the
 *   retained message upon subscription".
 * The registry is read on SUBSCRIBE only, never per message.
 */
export function installRetainedStore(
  persistence: RetainedPersistence,
  registry: Pick<Registry, 'putRetained' | 'deleteRetained' | 'getRetained' | 'transaction'>,
  now: () => number,
): void {
  // Aedes delivers a RETAIN publish once this settles: after the group commit (commitInGroup), so
  // that a fleet's retained heartbeats share one fsync per turn of the event loop.
  persistence.storeRetained = (packet) => {
    const payload = toBuffer(packet.payload);
    const lastModifiedTime = now();
    return commitInGroup(registry, () => {
      try {
        if (payload.byteLength === 0) {
          registry.deleteRetained(packet.topic);
        } else {
          registry.putRetained({
            topic: packet.topic,
            payload: new Uint8Array(payload),
            qos: packet.qos === 0 ? 0 : 1,
            lastModifiedTime,
          });
        }
      } catch (error) {
        if (!(error instanceof LocalCloudError && error.code === 'NOT_FOUND')) throw error;
      }
    });
  };
  const stream = (patterns: readonly string[]): Readable =>
    Readable.from(
      (function* retained() {
        for (const topic of new Set(patterns.filter(isExactFilter))) {
          const record = registry.getRetained(topic);
          if (record !== undefined) {
            yield {
              cmd: 'publish',
              topic: record.topic,
              payload: Buffer.from(record.payload),
              qos: record.qos,
              retain: true,
            };
          }
        }
      })(),
    );
  persistence.createRetainedStream = (pattern) => stream([pattern]);
  persistence.createRetainedStreamCombi = (patterns) => stream(patterns);
}
