import { CertificateIdSchema, TemplateNameSchema } from '@iot-gateway-net/topics';
import { z } from 'zod';
import { FLEET_SETUP_DEFAULTS } from '../setup/constants.js';
import { IotClientSchema, PolicyNameSchema } from '../setup/schemas.js';

/** Design 12.1: `-subj "/CN=device-claim" -days 7300`. */
export const CLAIM_CERTIFICATE_DEFAULTS = {
  commonName: 'device-claim',
  validityDays: 7300,
} as const;

/** File names `writeClaimCredential` writes into its directory. */
export const CLAIM_FILE_NAMES = {
  certificate: 'claim.cert.pem',
  privateKey: 'claim.private.key',
} as const;

/** Options of `createClaimCredential`. */
export const CreateClaimCredentialOptionsSchema = z.strictObject({
  iot: IotClientSchema,
  claimPolicyName: PolicyNameSchema.default(FLEET_SETUP_DEFAULTS.claimPolicyName),
  commonName: z
    .string()
    .min(1, { error: 'Expected a common name of 1 to 64 characters' })
    .max(64, { error: 'Expected a common name of 1 to 64 characters' })
    .default(CLAIM_CERTIFICATE_DEFAULTS.commonName),
  /** Start of validity. */
  now: z.date({ error: 'Expected a Date' }),
  validityDays: z
    .number()
    .int({ error: 'Expected a whole number of days' })
    .positive({ error: 'Expected a positive number of days' })
    .default(CLAIM_CERTIFICATE_DEFAULTS.validityDays),
});
/** See {@link CreateClaimCredentialOptionsSchema}. */
export type CreateClaimCredentialOptions = z.input<typeof CreateClaimCredentialOptionsSchema>;

const PemSchema = (label: string) =>
  z.string().refine((value) => value.includes(`-----BEGIN ${label}`), {
    error: `Expected PEM text with a "-----BEGIN ${label}" block`,
  });
const CertificatePemSchema = PemSchema('CERTIFICATE');
const PrivateKeyPemSchema = z
  .string()
  .refine((value) => /-----BEGIN (?:EC |RSA |ENCRYPTED )?PRIVATE KEY-----/.test(value), {
    error: 'Expected PEM text with a "-----BEGIN ... PRIVATE KEY" block',
  });

/** A claim certificate registered with AWS IoT, with its private key. */
export const ClaimCredentialSchema = z.object({
  certificateId: CertificateIdSchema,
  certificateArn: z.string(),
  certificatePem: CertificatePemSchema,
  privateKeyPem: PrivateKeyPemSchema,
});
/** See {@link ClaimCredentialSchema}. */
export type ClaimCredential = z.infer<typeof ClaimCredentialSchema>;

/** Options of `createTrustedUserClaim`. */
export const CreateTrustedUserClaimOptionsSchema = z.strictObject({
  iot: IotClientSchema,
  templateName: TemplateNameSchema.default(FLEET_SETUP_DEFAULTS.templateName),
});
/** See {@link CreateTrustedUserClaimOptionsSchema}. */
export type CreateTrustedUserClaimOptions = z.input<typeof CreateTrustedUserClaimOptionsSchema>;

/** CreateProvisioningClaim's answer, normalised (seed 001: valid 5 minutes). */
export const TrustedUserClaimSchema = z.object({
  certificateId: CertificateIdSchema,
  certificatePem: CertificatePemSchema,
  privateKeyPem: PrivateKeyPemSchema,
  expiresAt: z.date(),
});
/** See {@link TrustedUserClaimSchema}. */
export type TrustedUserClaim = z.infer<typeof TrustedUserClaimSchema>;

/** What `writeClaimCredential` needs of a credential (both kinds above fit). */
export const ClaimFilesContentSchema = z.object({
  certificatePem: CertificatePemSchema,
  privateKeyPem: PrivateKeyPemSchema,
});
/** See {@link ClaimFilesContentSchema}. */
export type ClaimFilesContent = z.infer<typeof ClaimFilesContentSchema>;

/** Options of `writeClaimCredential`. */
export const WriteClaimCredentialOptionsSchema = z.strictObject({
  /** Replace existing claim files. Defaults to `false`. */
  force: z.boolean().default(false),
});
/** See {@link WriteClaimCredentialOptionsSchema}. */
export type WriteClaimCredentialOptions = z.input<typeof WriteClaimCredentialOptionsSchema>;

/** Where `writeClaimCredential` wrote the files. */
export interface ClaimFilePaths {
  readonly certificatePath: string;
  readonly privateKeyPath: string;
}
