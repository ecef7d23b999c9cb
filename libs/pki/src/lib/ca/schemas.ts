import { isIP } from 'node:net';
import { z } from 'zod';
import { commonNameSchema } from '../crypto/schemas.js';
import {
  serialNumberSchema,
  validityShape,
  type IssuedCertificate,
  type IssuedCertificateWithKey,
} from '../certificates/schemas.js';

/**
 * AWS IoT's default subject for certificates it creates with CreateKeysAndCertificate (the API
 * reference: "IoT issues a default subject name for the certificate (for example, IoT Certificate)").
 */
export const AWS_DEFAULT_COMMON_NAME = 'AWS IoT Certificate';

/** A DNS name for subjectAltName: letters, digits and hyphens in dot-separated labels, `*.` allowed first. */
const hostnameSchema = z
  .string()
  .max(253)
  .regex(
    /^(?:\*\.)?[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
    'expected a DNS name such as "localhost" or "iot.example.com"',
  );

const ipAddressSchema = z
  .string()
  .refine(
    (value) => isIP(value) !== 0,
    'expected an IPv4 or IPv6 address such as "127.0.0.1" or "::1"',
  );

/** Validates `CertificateAuthority.issueFromCsr` options. */
export const issueFromCsrOptionsSchema = z.object({
  ...validityShape,
  /** Replaces the CSR's subject with `CN=<commonName>` when given. */
  commonName: commonNameSchema.optional(),
  serialNumber: serialNumberSchema.optional(),
});

/** Validates `CertificateAuthority.issueKeyAndCertificate` options. */
export const issueKeyAndCertificateOptionsSchema = z.object({
  ...validityShape,
  commonName: commonNameSchema.default(AWS_DEFAULT_COMMON_NAME),
  serialNumber: serialNumberSchema.optional(),
});

/** Validates `CertificateAuthority.issueServerCertificate` options: at least one name. */
export const issueServerCertificateOptionsSchema = z
  .object({
    ...validityShape,
    hostnames: z.array(hostnameSchema).default([]),
    ipAddresses: z.array(ipAddressSchema).default([]),
    /** Defaults to the first hostname, else the first IP address. */
    commonName: commonNameSchema.optional(),
    serialNumber: serialNumberSchema.optional(),
  })
  .refine((o) => o.hostnames.length + o.ipAddresses.length > 0, {
    message: 'expected at least one hostname or IP address',
    path: ['hostnames'],
  });

/** Validates `CertificateAuthority.verifyIssued` options. */
export const verifyIssuedOptionsSchema = z.object({ now: validityShape.now });

/** Validates `createCertificateAuthority` options. */
export const createCertificateAuthorityOptionsSchema = z.object({
  ...validityShape,
  commonName: commonNameSchema,
  serialNumber: serialNumberSchema.optional(),
});

/** Validates `loadCertificateAuthority` options; the PEM contents are checked by the loader. */
export const loadCertificateAuthorityOptionsSchema = z.object({
  certificatePem: z.string(),
  privateKeyPem: z.string(),
});

/** Options of `CertificateAuthority.issueFromCsr`. */
export type IssueFromCsrOptions = z.input<typeof issueFromCsrOptionsSchema>;
/** Options of `CertificateAuthority.issueKeyAndCertificate`. */
export type IssueKeyAndCertificateOptions = z.input<typeof issueKeyAndCertificateOptionsSchema>;
/** Options of `CertificateAuthority.issueServerCertificate`. */
export type IssueServerCertificateOptions = z.input<typeof issueServerCertificateOptionsSchema>;
/** Options of `CertificateAuthority.verifyIssued`. */
export type VerifyIssuedOptions = z.input<typeof verifyIssuedOptionsSchema>;
/** Options of `createCertificateAuthority`. */
export type CreateCertificateAuthorityOptions = z.input<
  typeof createCertificateAuthorityOptionsSchema
>;
/** Options of `loadCertificateAuthority`. */
export type LoadCertificateAuthorityOptions = z.input<typeof loadCertificateAuthorityOptionsSchema>;

/**
 * A loaded CA: its certificate and private key imported once, so that issuing costs one signature
 * (a few tenths of a millisecond with an EC P-256 key: certificates are encoded and signed with
 * `node:crypto`, byte for byte as @peculiar/x509 would write them).
 *
 * Every certificate it issues is an end entity (`cA=FALSE`) with a random 16-octet serial number unless
 * one is given, subject and authority key identifiers, and a validity period inside the CA's own.
 */
export interface CertificateAuthority {
  /** The CA certificate, PEM. */
  readonly certificatePem: string;
  /** Lowercase hex SHA-256 of the CA certificate's DER (AWS's caCertificateId). */
  readonly certificateId: string;
  /** The CA's subject, which every issued certificate carries as issuer. */
  readonly subject: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /**
   * Signs a device certificate for a CSR, as CreateCertificateFromCsr does with a certificate provider:
   * the CSR's public key, the CSR's subject (or `CN=<commonName>` when given), extended key usage
   * clientAuth. CSR extensions are ignored. `lifetimeDays` defaults to `365` (design 3.3).
   *
   * @throws {PkiError} what `parseCsr` throws (`MALFORMED_CSR`, `UNSUPPORTED_KEY`, `UNSUPPORTED_ALGORITHM`,
   *   `INVALID_SIGNATURE`); `INVALID_ARGUMENT`; `CA_VALIDITY_EXCEEDED` when the period leaves the CA's.
   */
  issueFromCsr(csrPem: string, options: IssueFromCsrOptions): Promise<IssuedCertificate>;
  /**
   * Generates a key pair and signs a client certificate for it, as CreateKeysAndCertificate does.
   * The key is EC P-256 where AWS generates RSA-2048: both are accepted everywhere this project connects,
   * and EC keys take microseconds to make. `commonName` defaults to `'AWS IoT Certificate'`,
   * `lifetimeDays` to `365`.
   *
   * @throws {PkiError} `INVALID_ARGUMENT`; `CA_VALIDITY_EXCEEDED`.
   */
  issueKeyAndCertificate(options: IssueKeyAndCertificateOptions): Promise<IssuedCertificateWithKey>;
  /**
   * Generates a key pair and signs a TLS server certificate: subjectAltName with every hostname (DNS) and
   * IP address, extended key usage serverAuth. `lifetimeDays` defaults to `825` (the longest lifetime
   * Apple platforms accept for TLS server certificates).
   *
   * @throws {PkiError} `INVALID_ARGUMENT` (no names, a malformed hostname or IP); `CA_VALIDITY_EXCEEDED`.
   */
  issueServerCertificate(options: IssueServerCertificateOptions): Promise<IssuedCertificateWithKey>;
  /**
   * Whether this CA signed `certificate` (issuer name and signature) and `now` lies within its validity.
   *
   * @throws {PkiError} `MALFORMED_CERTIFICATE` when the input is not a certificate; `INVALID_ARGUMENT`.
   */
  verifyIssued(certificate: string | Uint8Array, options: VerifyIssuedOptions): Promise<boolean>;
}
