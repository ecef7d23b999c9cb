import { z } from 'zod';
import { CertificateIdSchema, EpochMsSchema, SlotSchema } from '../credential/schemas.js';

/**
 * The action an `operationFailed` event reports on (the `type` of the action that failed, or
 * `connectProduction` for any refused (re)connect of the production connection).
 */
export const OperationSchema = z.enum([
  'connectProduction',
  'connectClaim',
  'generateKey',
  'requestCertificate',
  'registerThing',
  'publishCommit',
  'deleteSlot',
]);

/** An operation the daemon performs for the machine. */
export type Operation = z.infer<typeof OperationSchema>;

/**
 * Why an operation failed, as the daemon observed it.
 *
 * - `notAuthorized`: the broker refused the certificate (CONNACK "not authorized", or a TLS alert that
 *   blames the client certificate: expired, revoked, unknown). Definitive: the credential is dead.
 * - `credentialUnreadable`: the slot's files are missing or corrupt. Definitive, like `notAuthorized`.
 * - `rejected`: AWS IoT answered on a `.../rejected` topic (CreateCertificateFromCsr, RegisterThing,
 *   commit); `errorCode` carries its `errorCode`.
 * - `timeout`: no answer in time. `connectionLost`: the connection dropped mid-request.
 *   `error`: anything else (local I/O, key generation).
 */
export const FailureReasonSchema = z.enum([
  'notAuthorized',
  'credentialUnreadable',
  'rejected',
  'timeout',
  'connectionLost',
  'error',
]);

/** Why an operation failed (see {@link FailureReasonSchema}). */
export type FailureReason = z.infer<typeof FailureReasonSchema>;

/**
 * Every event carries the wall-clock time it was observed and one fresh random number for jitter, so
 * that `transition` itself stays pure.
 */
const envelope = {
  /** Wall-clock time of the event (epoch ms), trusted or not. */
  now: EpochMsSchema,
  /** A fresh uniform random number in [0, 1), used only for backoff jitter. */
  random: z.number().min(0).lt(1),
};

/** An event the daemon feeds to `transition`. */
export const RotationEventSchema = z.discriminatedUnion('type', [
  /** The process started (first boot included). All connections and timers are gone. */
  z.object({ type: z.literal('restarted'), ...envelope, clockSynchronized: z.boolean() }),
  /** NTP (or another trusted source) has synchronised the clock. */
  z.object({ type: z.literal('clockSynchronized'), ...envelope }),
  /** The one timer armed by `scheduleTick` fired (or a periodic wake-up; ticks are idempotent). */
  z.object({ type: z.literal('tick'), ...envelope }),
  /** The production connection is open with the credential in `slot`. */
  z.object({ type: z.literal('productionConnected'), ...envelope, slot: SlotSchema }),
  /** The claim connection of attempt `slot` is open. */
  z.object({ type: z.literal('claimConnected'), ...envelope, slot: SlotSchema }),
  /** A key pair and CSR were written to `slot`. */
  z.object({ type: z.literal('keyGenerated'), ...envelope, slot: SlotSchema }),
  /**
   * AWS IoT issued a certificate (CreateCertificateFromCsr / CreateKeysAndCertificate accepted) and the
   * daemon wrote it (and, for CreateKeysAndCertificate, its private key) to `slot`.
   */
  z.object({
    type: z.literal('certificateIssued'),
    ...envelope,
    slot: SlotSchema,
    certificateId: CertificateIdSchema,
    certificateOwnershipToken: z.string().min(1),
    notBefore: EpochMsSchema,
    notAfter: EpochMsSchema,
  }),
  /** RegisterThing was accepted for the certificate in `slot`. */
  z.object({ type: z.literal('thingRegistered'), ...envelope, slot: SlotSchema }),
  /** The backend accepted the commit published from the connection using `slot`. */
  z.object({ type: z.literal('commitAccepted'), ...envelope, slot: SlotSchema }),
  /** The files of `slot` are gone. */
  z.object({ type: z.literal('slotDeleted'), ...envelope, slot: SlotSchema }),
  /** An operation on `slot` failed. */
  z.object({
    type: z.literal('operationFailed'),
    ...envelope,
    operation: OperationSchema,
    slot: SlotSchema,
    reason: FailureReasonSchema,
    /** AWS IoT `errorCode` of a rejected request, when there is one. */
    errorCode: z.string().max(256).optional(),
    message: z.string().max(1024).optional(),
  }),
]);

/** An event the daemon feeds to `transition` (see {@link RotationEventSchema}). */
export type RotationEvent = z.infer<typeof RotationEventSchema>;

/** The `type` of a {@link RotationEvent}. */
export type RotationEventType = RotationEvent['type'];
