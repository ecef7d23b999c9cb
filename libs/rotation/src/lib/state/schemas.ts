import { z } from 'zod';
import { DeletionKindSchema } from '../action/schemas.js';
import {
  CertificateIdSchema,
  CredentialSchema,
  EpochMsSchema,
  SlotSchema,
} from '../credential/schemas.js';
import { FailureReasonSchema, OperationSchema } from '../event/schemas.js';
import { slotsInUse } from './slotsInUse.js';

/** The version written into every persisted state; bump it (with a migration) when the shape changes. */
export const ROTATION_STATE_VERSION = 1;

/** A certificate issued over the claim connection but not yet registered. */
export const IssuedCertificateSchema = z.object({
  certificateId: CertificateIdSchema,
  notBefore: EpochMsSchema,
  notAfter: EpochMsSchema,
  certificateOwnershipToken: z.string().min(1),
  /** When AWS IoT stops accepting the ownership token (issue time + `ownershipTokenTtlMs`). */
  tokenExpiresAt: EpochMsSchema,
});

/** A certificate issued over the claim connection but not yet registered. */
export type IssuedCertificate = z.infer<typeof IssuedCertificateSchema>;

/**
 * The step of a renewal or recovery in flight. Each names the attempt's `slot` (or the new credential
 * `next`, whose slot it is) and the `deadline` after which it fails with `timeout`.
 */
export const RotationStepSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('generatingKey'), slot: SlotSchema, deadline: EpochMsSchema }),
  z.object({
    name: z.literal('connectingClaim'),
    slot: SlotSchema,
    deadline: EpochMsSchema,
    /** Set when the claim connection is re-opened after a restart to finish a registration. */
    issued: IssuedCertificateSchema.nullable(),
  }),
  z.object({ name: z.literal('requestingCertificate'), slot: SlotSchema, deadline: EpochMsSchema }),
  z.object({
    name: z.literal('registeringThing'),
    slot: SlotSchema,
    deadline: EpochMsSchema,
    issued: IssuedCertificateSchema,
  }),
  z.object({ name: z.literal('switching'), next: CredentialSchema, deadline: EpochMsSchema }),
  z.object({ name: z.literal('committing'), next: CredentialSchema, deadline: EpochMsSchema }),
]);

/** The step of a renewal or recovery in flight (see {@link RotationStepSchema}). */
export type RotationStep = z.infer<typeof RotationStepSchema>;

/** What a `backoff` retries when its time comes. */
export const ResumeSchema = z.discriminatedUnion('kind', [
  /** A new attempt with a fresh slot. */
  z.object({ kind: z.literal('startOver') }),
  /** Switch to (and commit) `next` again: it is registered and was not refused. */
  z.object({ kind: z.literal('switch'), next: CredentialSchema }),
]);

/** What a `backoff` retries (see {@link ResumeSchema}). */
export type Resume = z.infer<typeof ResumeSchema>;

/** The last failure, kept for status reporting. */
export const LastFailureSchema = z.object({
  operation: OperationSchema,
  reason: z.union([FailureReasonSchema, z.enum(['restarted', 'tokenExpired', 'claimExpired'])]),
  errorCode: z.string().optional(),
  message: z.string().optional(),
  at: EpochMsSchema,
});

/** The last failure (see {@link LastFailureSchema}). */
export type LastFailure = z.infer<typeof LastFailureSchema>;

/** A slot whose files must be deleted; kept until the daemon confirms with `slotDeleted`. */
export const PendingDeletionSchema = z.object({ slot: SlotSchema, kind: DeletionKindSchema });

/** A slot whose files must be deleted (see {@link PendingDeletionSchema}). */
export type PendingDeletion = z.infer<typeof PendingDeletionSchema>;

/** Fields every phase carries. */
export const RotationCommonSchema = z.object({
  version: z.literal(ROTATION_STATE_VERSION),
  /** The claim certificate: the way back. Never deleted, never replaced by this machine. */
  claim: CredentialSchema,
  /** Consecutive failed attempts; persisted, reset by a completed renewal or recovery. */
  attempt: z.number().int().nonnegative(),
  /** Number of the next attempt slot (`production-<n>`); only grows, so slots are never reused. */
  nextSlot: z.number().int().nonnegative(),
  pendingDeletions: z.array(PendingDeletionSchema),
  /** Whether the clock was synchronised since the process started. */
  clockSynchronized: z.boolean(),
});

/** Fields every phase carries (see {@link RotationCommonSchema}). */
export type RotationCommon = z.infer<typeof RotationCommonSchema>;

const nullableCredential = CredentialSchema.nullable();
const waiting = {
  retryAt: EpochMsSchema,
  lastFailure: LastFailureSchema,
};

/** Loaded, not judged yet: the next event must be `restarted`. */
const BootingSchema = RotationCommonSchema.extend({
  phase: z.literal('booting'),
  current: nullableCredential,
});

/** Connected with `current`; renewal not due. */
const OperatingSchema = RotationCommonSchema.extend({
  phase: z.literal('operating'),
  current: CredentialSchema,
});

/** Connected with `current`, but the clock cannot be trusted to judge expiry. */
const ClockUntrustedSchema = RotationCommonSchema.extend({
  phase: z.literal('clockUntrusted'),
  current: CredentialSchema,
});

/** Renewal in flight over the claim connection while `current` keeps working. */
const RenewingSchema = RotationCommonSchema.extend({
  phase: z.literal('renewing'),
  current: CredentialSchema,
  step: RotationStepSchema,
});

/** Recovery in flight: `current` is dead (refused or expired) or `null` (missing). */
const RecoveringSchema = RotationCommonSchema.extend({
  phase: z.literal('recovering'),
  current: nullableCredential,
  step: RotationStepSchema,
});

/** Waiting to retry after a failed attempt. */
const BackoffSchema = z.discriminatedUnion('mode', [
  RotationCommonSchema.extend({
    phase: z.literal('backoff'),
    mode: z.literal('renewal'),
    current: CredentialSchema,
    resume: ResumeSchema,
    ...waiting,
  }),
  RotationCommonSchema.extend({
    phase: z.literal('backoff'),
    mode: z.literal('recovery'),
    current: nullableCredential,
    resume: ResumeSchema,
    ...waiting,
  }),
]);

/** The claim certificate was refused or has expired: retry slowly, never delete anything. */
const NeedsTechnicianSchema = z.discriminatedUnion('mode', [
  RotationCommonSchema.extend({
    phase: z.literal('needsTechnician'),
    mode: z.literal('renewal'),
    current: CredentialSchema,
    ...waiting,
  }),
  RotationCommonSchema.extend({
    phase: z.literal('needsTechnician'),
    mode: z.literal('recovery'),
    current: nullableCredential,
    ...waiting,
  }),
]);

/**
 * The whole rotation state of one robot: JSON-serialisable, validated when loaded. Beyond the shape it
 * checks that no slot is used twice and that no slot in use is scheduled for deletion.
 */
export const RotationStateSchema = z
  .discriminatedUnion('phase', [
    BootingSchema,
    OperatingSchema,
    ClockUntrustedSchema,
    RenewingSchema,
    RecoveringSchema,
    BackoffSchema,
    NeedsTechnicianSchema,
  ])
  .superRefine((state, ctx) => {
    const inUse = slotsInUse(state);
    const seen = new Set<string>();
    for (const slot of inUse) {
      if (seen.has(slot)) {
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: `Slot "${slot}" is used twice, expected distinct slots for claim, current and next`,
        });
      }
      seen.add(slot);
    }
    state.pendingDeletions.forEach((deletion, index) => {
      if (seen.has(deletion.slot)) {
        ctx.addIssue({
          code: 'custom',
          path: ['pendingDeletions', index, 'slot'],
          message: `Slot "${deletion.slot}" is in use, expected only unused slots to be pending deletion`,
        });
      }
    });
  });

/** The whole rotation state of one robot (see {@link RotationStateSchema}). */
export type RotationState = z.infer<typeof RotationStateSchema>;

/** The `phase` of a {@link RotationState}. */
export type RotationPhase = RotationState['phase'];

/** What `createInitialState` takes. */
export const InitialStateInputSchema = z.object({
  /** The claim certificate installed at manufacturing. Its slot defaults to `claim`. */
  claim: z.object({ ...CredentialSchema.shape, slot: SlotSchema.default('claim') }),
  /**
   * The production certificate installed at manufacturing, if any; `null` makes the first boot
   * provision one through the claim certificate. Its slot defaults to `production-0`.
   */
  production: z
    .object({ ...CredentialSchema.shape, slot: SlotSchema.default('production-0') })
    .nullable()
    .default(null),
});

/** What {@link createInitialState} takes (see {@link InitialStateInputSchema}). */
export type InitialStateInput = z.input<typeof InitialStateInputSchema>;
