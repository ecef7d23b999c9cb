import { z } from 'zod';
import { JsonObjectSchema } from '../json/schemas.js';

// Shapes of the Device Shadow MQTT documents (AWS IoT Developer Guide, "Device Shadow service
// documents"). They check shape only: the shadow lib applies AWS's semantic rules (8 KiB, depth 6,
// clientToken 64 bytes, version conflicts, null inside arrays) and answers with AWS's exact error
// messages. Shadow timestamps are epoch SECONDS, unlike the lifecycle events' milliseconds.

/**
 * `state` of an update request: `desired` and/or `reported`, each an object or `null` (which
 * removes the section). Unknown nodes are kept, not stripped, so the shadow service can refuse them
 * with AWS's own "State contains an invalid node" error.
 */
export const ShadowStateSchema = z.looseObject({
  desired: JsonObjectSchema.nullable().optional(),
  reported: JsonObjectSchema.nullable().optional(),
});

/** `state` of an update request. */
export type ShadowState = z.infer<typeof ShadowStateSchema>;

/**
 * Payload published to `.../shadow/update`. `state: null` is valid on AWS and clears both
 * sections; `version`, when given, must equal the stored version (else 409). Unknown top-level
 * nodes are kept for the shadow service to judge.
 */
export const ShadowUpdateRequestSchema = z.looseObject({
  state: ShadowStateSchema.nullable(),
  clientToken: z.string().optional(),
  version: z.number().optional(),
});

/** Payload published to `.../shadow/update`. */
export type ShadowUpdateRequest = z.infer<typeof ShadowUpdateRequestSchema>;

/**
 * `metadata` of shadow answers: for each section, the same tree as the state with
 * `{ "timestamp": <epoch seconds> }` at every leaf.
 */
export const ShadowMetadataSchema = z.object({
  desired: JsonObjectSchema.optional(),
  reported: JsonObjectSchema.optional(),
  // AWS answers `{"state": null}` with `"metadata": {"timestamp": <epoch s>}`.
  timestamp: z.number().optional(),
});

/** `metadata` of shadow answers. */
export type ShadowMetadata = z.infer<typeof ShadowMetadataSchema>;

/**
 * Payload of `.../shadow/update/accepted`: the sections sent (as sent, `null` included), their
 * metadata, the new `version`, `timestamp` (epoch seconds) and the request's `clientToken`.
 */
export const ShadowUpdateAcceptedSchema = z.object({
  state: z
    .object({
      desired: JsonObjectSchema.nullable().optional(),
      reported: JsonObjectSchema.nullable().optional(),
    })
    .nullable(),
  metadata: ShadowMetadataSchema,
  version: z.number().int(),
  timestamp: z.number(),
  clientToken: z.string().optional(),
});

/** Payload of `.../shadow/update/accepted`. */
export type ShadowUpdateAccepted = z.infer<typeof ShadowUpdateAcceptedSchema>;

/**
 * Payload of `.../shadow/update/delta`: `state` holds only the desired values that differ from
 * reported (full path for nested ones) and `metadata` their timestamps.
 */
export const ShadowDeltaSchema = z.object({
  state: JsonObjectSchema,
  metadata: JsonObjectSchema,
  version: z.number().int(),
  timestamp: z.number(),
  clientToken: z.string().optional(),
});

/** Payload of `.../shadow/update/delta`. */
export type ShadowDelta = z.infer<typeof ShadowDeltaSchema>;

/** One side (`previous` or `current`) of an `update/documents` message; never holds a delta. */
export const ShadowDocumentSnapshotSchema = z.object({
  state: z.object({
    desired: JsonObjectSchema.optional(),
    reported: JsonObjectSchema.optional(),
  }),
  metadata: ShadowMetadataSchema,
  version: z.number().int(),
});

/** One side of an `update/documents` message. */
export type ShadowDocumentSnapshot = z.infer<typeof ShadowDocumentSnapshotSchema>;

/**
 * Payload of `.../shadow/update/documents`: the whole document before and after a successful
 * update. AWS does not document `previous` for the update that creates a shadow, so it may be
 * absent or `null`.
 */
export const ShadowDocumentsSchema = z.object({
  previous: ShadowDocumentSnapshotSchema.nullable().optional(),
  current: ShadowDocumentSnapshotSchema,
  timestamp: z.number(),
  clientToken: z.string().optional(),
});

/** Payload of `.../shadow/update/documents`. */
export type ShadowDocuments = z.infer<typeof ShadowDocumentsSchema>;

/** Payload of `.../shadow/get/accepted`: the full document including the computed `delta`. */
export const ShadowGetAcceptedSchema = z.object({
  state: z.object({
    desired: JsonObjectSchema.optional(),
    reported: JsonObjectSchema.optional(),
    delta: JsonObjectSchema.optional(),
  }),
  metadata: ShadowMetadataSchema,
  version: z.number().int(),
  timestamp: z.number(),
  clientToken: z.string().optional(),
});

/** Payload of `.../shadow/get/accepted`. */
export type ShadowGetAccepted = z.infer<typeof ShadowGetAcceptedSchema>;

/** Payload of `.../shadow/delete/accepted`; deleting does not reset `version`. */
export const ShadowDeleteAcceptedSchema = z.object({
  version: z.number().int(),
  timestamp: z.number(),
  clientToken: z.string().optional(),
});

/** Payload of `.../shadow/delete/accepted`. */
export type ShadowDeleteAccepted = z.infer<typeof ShadowDeleteAcceptedSchema>;

/**
 * Payload of every `.../rejected` shadow topic: an HTTP status `code` and AWS's `message`;
 * `timestamp` is not always present (AWS IoT Developer Guide, "Error response document").
 */
export const ShadowErrorSchema = z.object({
  code: z.number().int(),
  message: z.string(),
  timestamp: z.number().optional(),
  clientToken: z.string().optional(),
});

/** Payload of a `.../rejected` shadow topic. */
export type ShadowError = z.infer<typeof ShadowErrorSchema>;
