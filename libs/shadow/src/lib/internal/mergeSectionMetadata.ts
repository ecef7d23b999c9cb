import type { JsonObject, ShadowSection, ShadowSectionMetadata } from '../document/schemas.js';
import { isJsonObject } from './isJsonObject.js';
import { metadataOf } from './metadataOf.js';
import { setOwn } from './setOwn.js';

/**
 * The metadata of a section after `patch` was merged into it, in the section's key order: keys the
 * patch set get `timestamp` (whole trees for scalars and arrays, recursing into merged objects),
 * keys it removed lose their metadata, others keep theirs. Follows AWS's own Greengrass
 * ShadowManager (aws-greengrass-shadow-manager, ShadowStateMetadata.update).
 *
 * @param before the section before the merge, to tell whether a merged object used to be one.
 * @param after the section after the merge (`mergeSection(before, patch)`).
 */
export function mergeSectionMetadata(
  before: ShadowSection | undefined,
  after: ShadowSection,
  metadata: ShadowSectionMetadata | undefined,
  patch: JsonObject,
  timestamp: number,
): ShadowSectionMetadata {
  const merged: ShadowSectionMetadata = {};
  for (const key of Object.keys(after)) {
    if (!Object.hasOwn(patch, key)) {
      const kept = metadata?.[key];
      if (kept !== undefined) {
        setOwn(merged, key, kept);
      }
      continue;
    }
    const value = patch[key];
    const next = after[key];
    if (isJsonObject(value) && isJsonObject(next)) {
      const previous = before?.[key];
      const wasObject = isJsonObject(previous);
      const previousMetadata = wasObject ? metadata?.[key] : undefined;
      setOwn(
        merged,
        key,
        mergeSectionMetadata(
          wasObject ? previous : undefined,
          next,
          isJsonObject(previousMetadata) ? previousMetadata : undefined,
          value,
          timestamp,
        ),
      );
    } else {
      setOwn(merged, key, metadataOf(value, timestamp));
    }
  }
  return merged;
}
