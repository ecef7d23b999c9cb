import { z } from 'zod';
import { EpochMillisSchema } from '../json/schemas.js';
import { CertificateIdSchema, CommandNameSchema, ThingNameSchema } from '../names/schemas.js';

// Payloads of the application topics (design 2.2, 2.4, 3.4). Times are epoch milliseconds.

/** Correlates a command or rotation commit with its answer: 1 to 64 characters. */
export const RequestIdSchema = z.string().min(1).max(64);

/**
 * Payload of `amr/<thing>/heartbeat`, published every 10 s, retained, QoS 1; a UI that misses
 * heartbeats for 25 s treats the robot as unreachable and re-reads its shadow (design 2.2).
 */
export const HeartbeatSchema = z.object({
  thingName: ThingNameSchema,
  /** +1 per heartbeat from process start, so a receiver can spot gaps and restarts. */
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  sentAt: EpochMillisSchema,
  uptimeS: z.number().min(0).optional(),
});

/** Payload of `amr/<thing>/heartbeat`. */
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

/** What a robot is doing. `offline` is only ever set by its Last Will. */
export const AmrStateSchema = z.enum(['idle', 'moving', 'charging', 'error', 'offline']);

/** What a robot is doing. */
export type AmrState = z.infer<typeof AmrStateSchema>;

/**
 * The most recent message from the cloud a robot received but could not act on and could not answer
 * to its sender: a shadow delta that is too large or malformed (the shadow service publishes it, so
 * there is nobody to reply to), or a command without a readable `requestId` (its `rejected` ack
 * carries `requestId: null`, which the sender cannot match). Carried in `AmrStatus.lastError`, so an
 * operator sees it without reading the robot's log.
 */
export const AmrInputErrorSchema = z.object({
  /** Where the message arrived: `command` (`amr/<thing>/cmd/<name>`) or `shadowDelta` (`robot` shadow). */
  source: z.enum(['command', 'shadowDelta']),
  /** The command name, for `source: 'command'`. */
  command: CommandNameSchema.optional(),
  /** What was received and what was expected, e.g. `Ignored a shadow delta of 20000 bytes, expected at most 16384`. */
  reason: z.string().min(1).max(1024),
  at: EpochMillisSchema,
});

/** See {@link AmrInputErrorSchema}. */
export type AmrInputError = z.infer<typeof AmrInputErrorSchema>;

/**
 * Payload of `amr/<thing>/status`, published retained at QoS 1 (design 3.4). The robot also
 * registers an AmrStatus as its MQTT Last Will on this topic, with `online: false` and
 * `state: 'offline'` (see {@link lastWillStatus}), so the broker publishes it when the
 * connection drops without a DISCONNECT.
 */
export const AmrStatusSchema = z.object({
  thingName: ThingNameSchema,
  online: z.boolean(),
  state: AmrStateSchema,
  /** Charge in percent. */
  battery: z.number().min(0).max(100).optional(),
  /** Map position in metres; `theta` is the heading in radians. */
  position: z
    .object({
      x: z.number(),
      y: z.number(),
      theta: z.number().optional(),
    })
    .optional(),
  /** Current mission id, `null` when idle. */
  mission: z.string().nullable().optional(),
  /** Id of the certificate the robot is connected with (shows rotation progress). */
  certificateId: CertificateIdSchema.optional(),
  /**
   * The most recent input the robot could not use (see {@link AmrInputErrorSchema}); kept until the
   * daemon restarts, so judge its age by `at`. Absent (or `null`) when there was none.
   */
  lastError: AmrInputErrorSchema.nullable().optional(),
  updatedAt: EpochMillisSchema,
});

/** Payload of `amr/<thing>/status`. */
export type AmrStatus = z.infer<typeof AmrStatusSchema>;

/** Payload of `amr/<thing>/cmd/<command>`; the command name is the last topic level. */
export const AmrCommandSchema = z.object({
  requestId: RequestIdSchema,
  issuedAt: EpochMillisSchema,
  args: z.record(z.string(), z.unknown()).optional(),
});

/** Payload of `amr/<thing>/cmd/<command>`. */
export type AmrCommand = z.infer<typeof AmrCommandSchema>;

/**
 * Payload of `amr/<thing>/cmd/<command>/ack`: `accepted` or `rejected` first, then `done` or
 * `failed` when a long command ends. `reason` explains a rejection or failure. `requestId` is
 * `null` only in a `rejected` ack of a payload whose request id could not be read (not JSON, not
 * UTF-8, no valid `requestId`).
 */
export const AmrCommandAckSchema = z.object({
  requestId: RequestIdSchema.nullable(),
  command: CommandNameSchema,
  status: z.enum(['accepted', 'rejected', 'done', 'failed']),
  reason: z.string().optional(),
  at: EpochMillisSchema,
});

/** Payload of `amr/<thing>/cmd/<command>/ack`. */
export type AmrCommandAck = z.infer<typeof AmrCommandAckSchema>;

/**
 * Payload of `amr/<thing>/cert/commit`: sent over the connection made with the new certificate,
 * asking the backend to deactivate the old one (design 2.4). The backend checks that the
 * connection really uses `newCertificateId` before it commits.
 */
export const RotationCommitRequestSchema = z
  .object({
    oldCertificateId: CertificateIdSchema,
    newCertificateId: CertificateIdSchema,
    requestId: RequestIdSchema,
  })
  .refine((request) => request.oldCertificateId !== request.newCertificateId, {
    error: 'Expected newCertificateId to differ from oldCertificateId',
    path: ['newCertificateId'],
  });

/** Payload of `amr/<thing>/cert/commit`. */
export type RotationCommitRequest = z.infer<typeof RotationCommitRequestSchema>;

/** Payload of `amr/<thing>/cert/commit/accepted`: the old certificate is now INACTIVE. */
export const RotationCommitAcceptedSchema = z.object({
  requestId: RequestIdSchema,
  deactivatedCertificateId: CertificateIdSchema,
});

/** Payload of `amr/<thing>/cert/commit/accepted`. */
export type RotationCommitAccepted = z.infer<typeof RotationCommitAcceptedSchema>;

/**
 * Payload of `amr/<thing>/cert/commit/rejected`. `requestId` is absent when the request itself
 * could not be read.
 */
export const RotationCommitRejectedSchema = z.object({
  requestId: RequestIdSchema.optional(),
  code: z.string().min(1),
  message: z.string(),
});

/** Payload of `amr/<thing>/cert/commit/rejected`. */
export type RotationCommitRejected = z.infer<typeof RotationCommitRejectedSchema>;
