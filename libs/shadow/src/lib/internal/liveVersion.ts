import { DELETED_SHADOW_VERSION_RETENTION_SECONDS } from '../document/constants.js';
import type { StoredShadow } from '../document/schemas.js';

/**
 * The version an update builds on: the stored version, also for a shadow deleted at most 48 hours
 * ago; 0 for a shadow that never existed or was deleted longer ago (AWS IoT Developer Guide,
 * "Interacting with shadows" → DELETE).
 *
 * @param nowSeconds epoch seconds.
 */
export function liveVersion(stored: StoredShadow | undefined, nowSeconds: number): number {
  if (stored === undefined) {
    return 0;
  }
  if (
    stored.deletedAt !== undefined &&
    nowSeconds - stored.deletedAt > DELETED_SHADOW_VERSION_RETENTION_SECONDS
  ) {
    return 0;
  }
  return stored.version;
}
