import type { ShadowSection, ShadowSectionMetadata } from '../document/schemas.js';
import { isJsonObject } from '../internal/isJsonObject.js';
import { jsonEqual } from '../internal/jsonEqual.js';
import { setOwn } from '../internal/setOwn.js';

/** What {@link computeDelta} returns: the delta state and its metadata. */
export interface ShadowDeltaResult {
  /** Desired values that differ from reported, with the full path for nested ones. */
  state: ShadowSection;
  /** For every delta value, the metadata of the desired value it came from. */
  metadata: ShadowSectionMetadata;
}

/**
 * The delta between a shadow's desired and reported sections (AWS IoT Developer Guide, "Device
 * Shadow service documents" → "Delta state"; "Device Shadow MQTT topics" → /update/delta): every
 * desired key whose reported value is missing or different. Objects on both sides compare key by
 * key and keep the path to the root; arrays and scalars compare whole, and a differing value is
 * copied whole. Keys only in reported never appear. The delta's metadata is the desired metadata
 * of the same paths.
 *
 * @param desiredMetadata metadata of `desired`; paths it lacks get no metadata entry.
 * @returns `undefined` when desired is absent or nothing differs.
 */
export function computeDelta(
  desired: ShadowSection | undefined,
  reported: ShadowSection | undefined,
  desiredMetadata?: ShadowSectionMetadata,
): ShadowDeltaResult | undefined {
  if (desired === undefined) {
    return undefined;
  }
  const state: ShadowSection = {};
  const metadata: ShadowSectionMetadata = {};
  return diff(desired, reported, desiredMetadata, state, metadata)
    ? { state, metadata }
    : undefined;
}

/** Fills `state` / `metadata` with the differences of one object level; true when any. */
function diff(
  desired: ShadowSection,
  reported: ShadowSection | undefined,
  desiredMetadata: ShadowSectionMetadata | undefined,
  state: ShadowSection,
  metadata: ShadowSectionMetadata,
): boolean {
  let found = false;
  for (const key of Object.keys(desired)) {
    const want = desired[key];
    const have = reported !== undefined && Object.hasOwn(reported, key) ? reported[key] : undefined;
    const meta = desiredMetadata?.[key];
    if (isJsonObject(want) && isJsonObject(have)) {
      const childState: ShadowSection = {};
      const childMetadata: ShadowSectionMetadata = {};
      if (diff(want, have, isJsonObject(meta) ? meta : undefined, childState, childMetadata)) {
        setOwn(state, key, childState);
        setOwn(metadata, key, childMetadata);
        found = true;
      }
      continue;
    }
    if (have !== undefined && jsonEqual(want, have)) {
      continue;
    }
    setOwn(state, key, want);
    if (meta !== undefined) {
      setOwn(metadata, key, meta);
    }
    found = true;
  }
  return found;
}
