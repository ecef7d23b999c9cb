import { z } from 'zod';

/** Milliseconds since the Unix epoch (UTC). */
export const EpochMsSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * A certificate id as AWS IoT computes it: the lowercase hex SHA-256 of the DER encoding
 * (AWS IoT API Reference, `Certificate.certificateId`).
 */
export const CertificateIdSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { message: 'Expected a certificate id of 64 lowercase hex characters' });

/**
 * Where the daemon keeps one credential's files (certificate and private key). The state machine only
 * names slots; the daemon maps a slot to paths, so a slot is restricted to characters safe in a file name.
 */
export const SlotSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, { message: 'Expected a slot matching [A-Za-z0-9._-]{1,64}' })
  .refine((s) => s !== '.' && s !== '..', { message: 'Expected a slot other than "." and ".."' });

/**
 * One certificate the robot holds: its AWS id, validity window and the slot holding its files.
 * PEM and keys never enter the state machine.
 */
export const CredentialSchema = z
  .object({
    certificateId: CertificateIdSchema,
    notBefore: EpochMsSchema,
    notAfter: EpochMsSchema,
    slot: SlotSchema,
  })
  .refine((c) => c.notBefore < c.notAfter, {
    message: 'Expected notBefore < notAfter',
    path: ['notAfter'],
  });

/** A certificate the robot holds (see {@link CredentialSchema}). */
export type Credential = z.infer<typeof CredentialSchema>;
