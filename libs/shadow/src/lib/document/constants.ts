/**
 * How long a deleted shadow's version is remembered: an update within 48 hours of the delete
 * continues from the deleted version, a later one starts a new shadow (AWS IoT Developer Guide,
 * "Interacting with shadows" → DELETE). In epoch seconds, the unit of `StoredShadow.deletedAt`.
 */
export const DELETED_SHADOW_VERSION_RETENTION_SECONDS = 48 * 60 * 60;
