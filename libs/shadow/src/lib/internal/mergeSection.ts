import type { JsonObject, JsonValue, ShadowSection } from '../document/schemas.js';
import { isJsonObject } from './isJsonObject.js';
import { setOwn } from './setOwn.js';

/**
 * Merges an update `patch` into a stored section and returns the new section, or `undefined` when
 * nothing is left. Objects merge key by key; `null` deletes a key; any other value (scalars and
 * whole arrays) replaces what was there (AWS IoT Developer Guide, "Device Shadow REST API" →
 * UpdateThingShadow; "Device Shadow service documents" → arrays). Objects left empty are dropped,
 * as AWS drops empty sections. Keys keep their order, new keys come last. Neither argument is
 * modified; unchanged subtrees are shared.
 */
export function mergeSection(
  current: ShadowSection | undefined,
  patch: JsonObject,
): ShadowSection | undefined {
  const merged: ShadowSection = {};
  let size = 0;
  const put = (key: string, before: JsonValue | undefined, value: JsonValue): void => {
    if (value === null) {
      return;
    }
    if (isJsonObject(value)) {
      const child = mergeSection(isJsonObject(before) ? before : undefined, value);
      if (child === undefined) {
        return;
      }
      setOwn(merged, key, child);
    } else {
      setOwn(merged, key, value);
    }
    size++;
  };
  if (current !== undefined) {
    for (const key of Object.keys(current)) {
      const before = current[key];
      if (Object.hasOwn(patch, key)) {
        put(key, before, patch[key]);
      } else {
        setOwn(merged, key, before);
        size++;
      }
    }
  }
  for (const key of Object.keys(patch)) {
    if (current === undefined || !Object.hasOwn(current, key)) {
      put(key, undefined, patch[key]);
    }
  }
  return size === 0 ? undefined : merged;
}
