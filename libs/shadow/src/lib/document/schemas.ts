import { ShadowDocumentSnapshotSchema, type JsonObject } from '@iot-gateway-net/topics';
import { z } from 'zod';

export type { JsonObject } from '@iot-gateway-net/topics';

/** Any JSON value, as found inside a shadow section. */
export type JsonValue = JsonObject[string];

/** A `desired` or `reported` section as stored: a JSON object without `null` anywhere. */
export type ShadowSection = JsonObject;

/** The metadata tree of one section: the section's shape with `{ timestamp }` at every leaf. */
export type ShadowSectionMetadata = JsonObject;

/**
 * A shadow as the local cloud persists it: the `update/documents` snapshot shape (`state` with
 * `desired` / `reported`, their `metadata`, `version`) plus `deletedAt` (epoch seconds) once the
 * shadow was deleted. A deleted shadow keeps its version so that an update within 48 hours carries
 * on from it (AWS IoT Developer Guide, "Interacting with shadows" → "Deleting shadow data").
 */
export const StoredShadowSchema = ShadowDocumentSnapshotSchema.extend({
  version: z.number().int().min(0),
  deletedAt: z.number().int().min(0).optional(),
});

/** A shadow as the local cloud persists it; see {@link StoredShadowSchema}. */
export type StoredShadow = z.infer<typeof StoredShadowSchema>;
