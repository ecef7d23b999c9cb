import { z } from 'zod';
import { CertificateIdSchema, EpochMsSchema, SlotSchema } from '../credential/schemas.js';
import { ProvisioningMethodSchema } from '../config/schemas.js';

/**
 * Why a slot is deleted: `retired` (a production credential replaced after its commit was accepted),
 * `dead` (a production credential replaced during recovery, already refused or expired, whose commit
 * was not accepted) or `abandoned` (the slot of an attempt that never became the production credential).
 */
export const DeletionKindSchema = z.enum(['retired', 'dead', 'abandoned']);

/** Why a slot is deleted (see {@link DeletionKindSchema}). */
export type DeletionKind = z.infer<typeof DeletionKindSchema>;

/** What a `report` action tells the operator or the logs. */
export const RotationReportCodeSchema = z.enum([
  'clockUntrusted',
  'renewalStarted',
  'recoveryStarted',
  'productionDead',
  'attemptFailed',
  'rolledBack',
  'renewalAbandoned',
  'needsTechnician',
  'renewed',
  'recovered',
  'commitSkipped',
]);

/** The code of a `report` action (see {@link RotationReportCodeSchema}). */
export type RotationReportCode = z.infer<typeof RotationReportCodeSchema>;

/**
 * A side effect the daemon executes, in order. `persist` (when present) is always first and must be
 * durable before anything else runs; `scheduleTick` (when present) is always last.
 */
export const RotationActionSchema = z.discriminatedUnion('type', [
  /** Write the returned state durably (write, fsync, rename) before executing the other actions. */
  z.object({ type: z.literal('persist') }),
  /**
   * Make the production connection use the credential in `slot`, replacing any open production
   * connection (same client id). Idempotent: already open or opening with `slot` → keep it. Keep
   * reconnecting on network errors; report every refusal as `operationFailed`.
   */
  z.object({ type: z.literal('connectProduction'), slot: SlotSchema }),
  /** Close the production connection and stop reconnecting it. */
  z.object({ type: z.literal('disconnectProduction') }),
  /** Open the claim connection with the credential in `claimSlot` for the attempt `slot`. */
  z.object({ type: z.literal('connectClaim'), slot: SlotSchema, claimSlot: SlotSchema }),
  /** Close the claim connection, if open. */
  z.object({ type: z.literal('disconnectClaim') }),
  /** Generate a key pair and CSR into `slot` (CSR method). */
  z.object({ type: z.literal('generateKey'), slot: SlotSchema }),
  /**
   * Over the claim connection, call CreateCertificateFromCsr with the CSR of `slot` (`csr`) or
   * CreateKeysAndCertificate (`createKeysAndCertificate`), write the result to `slot`, then feed
   * `certificateIssued`.
   */
  z.object({
    type: z.literal('requestCertificate'),
    slot: SlotSchema,
    method: ProvisioningMethodSchema,
  }),
  /** Over the claim connection, call RegisterThing with this ownership token. */
  z.object({
    type: z.literal('registerThing'),
    slot: SlotSchema,
    certificateOwnershipToken: z.string().min(1),
  }),
  /**
   * On the production connection (which uses `slot`), publish the commit that asks the backend to
   * deactivate `oldCertificateId`; feed `commitAccepted` on its accepted answer.
   */
  z.object({
    type: z.literal('publishCommit'),
    slot: SlotSchema,
    newCertificateId: CertificateIdSchema,
    oldCertificateId: CertificateIdSchema,
  }),
  /** Delete the files of `slot` (idempotent), then feed `slotDeleted`. */
  z.object({ type: z.literal('deleteSlot'), slot: SlotSchema, kind: DeletionKindSchema }),
  /** Arm the single timer for `at` (replacing any armed one); `null` disarms it. Fire `tick` then. */
  z.object({ type: z.literal('scheduleTick'), at: EpochMsSchema.nullable() }),
  /** Log (and, for `needsTechnician`, surface to the operator) what happened. */
  z.object({
    type: z.literal('report'),
    code: RotationReportCodeSchema,
    message: z.string(),
    certificateId: CertificateIdSchema.optional(),
  }),
]);

/** A side effect for the daemon (see {@link RotationActionSchema}). */
export type RotationAction = z.infer<typeof RotationActionSchema>;

/** The `type` of a {@link RotationAction}. */
export type RotationActionType = RotationAction['type'];
