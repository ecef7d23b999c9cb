import type { JsonObject, JsonValue } from '../document/schemas.js';
import { setOwn } from './setOwn.js';

/**
 * The metadata tree of `value` stamped with `timestamp`: `{ timestamp }` for every scalar and
 * `null`, one entry per element for arrays, one per key for objects. This is the shape AWS returns
 * (`"ColorRGB": [{ "timestamp": … }, …]` in the Developer Guide's "Simulating Device Shadow service
 * communications"; `{"state":null}` answers `"metadata":{"timestamp":…}`).
 */
export function metadataOf(value: JsonObject | null, timestamp: number): JsonObject;
export function metadataOf(value: JsonValue, timestamp: number): JsonValue;
export function metadataOf(value: JsonValue, timestamp: number): JsonValue {
  if (typeof value !== 'object' || value === null) {
    return { timestamp };
  }
  if (Array.isArray(value)) {
    return value.map((element) => metadataOf(element, timestamp));
  }
  const metadata: JsonObject = {};
  for (const key of Object.keys(value)) {
    setOwn(metadata, key, metadataOf(value[key], timestamp));
  }
  return metadata;
}
