import type { Extension, Name, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { z } from 'zod';
import { nowSchema } from '../crypto/schemas.js';
import type { PublicKeyDescription } from '../keys/schemas.js';

/** What {@link parseCertificate} reads from a certificate. */
export interface ParsedCertificate extends PublicKeyDescription {
  /** AWS IoT certificate id: lowercase hex SHA-256 of the DER (64 characters). */
  readonly certificateId: string;
  /** The subject as `TYPE=value` pairs in encoding order, comma separated, e.g. `C=JP, O=Example, CN=robot-001`. */
  readonly subject: string;
  /** The first CN of the subject, if any. */
  readonly commonName?: string;
  /** The issuer, written like `subject`; equal to it for self-signed certificates. */
  readonly issuer: string;
  /** Lowercase hex without leading zero octets, as `openssl x509 -serial` prints it (in lower case). */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** True when `basicConstraints` says `cA=TRUE`. */
  readonly isCa: boolean;
  /** DNS names and IP addresses of the subjectAltName extension (empty lists when absent). */
  readonly subjectAltNames: { readonly dns: readonly string[]; readonly ip: readonly string[] };
  /** Extended key usages by name (`serverAuth`, `clientAuth`, ...) or OID when unnamed. */
  readonly extendedKeyUsages: readonly string[];
  /** The certificate's DER encoding. */
  readonly der: Uint8Array;
}

/** A certificate this library just made, with the facts a registry stores about it. */
export interface IssuedCertificate {
  readonly certificatePem: string;
  /** Lowercase hex SHA-256 of the DER, the AWS IoT certificate id. */
  readonly certificateId: string;
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** An issued certificate together with the key pair generated for it. */
export interface IssuedCertificateWithKey extends IssuedCertificate {
  /** PKCS#8 PEM. A secret: store with `writeSecretFileAtomic`, never log. */
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

/** Milliseconds in a day; lifetimes in days ignore leap seconds, as X.509 does. */
export const DAY_MS = 86_400_000;
/** X.509 times cannot go past 9999-12-31T23:59:59Z (RFC 5280 GeneralizedTime). */
export const LAST_ENCODABLE_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

/**
 * Validity options shared by every function that makes a certificate. Give at most one of
 * `lifetimeDays` and `lifetimeMs`; short `lifetimeMs` values (minutes) exist for rotation tests.
 */
export const validityShape = {
  /** Start of the validity period; rounded down to the second, as X.509 times carry no milliseconds. */
  now: nowSchema,
  /** Whole days. Each function documents its own default. */
  lifetimeDays: z.number().int().positive().optional(),
  /** Whole seconds in milliseconds, at least 1000; wins over the default `lifetimeDays`. */
  lifetimeMs: z
    .number()
    .int()
    .min(1000)
    .multipleOf(1000, 'X.509 times have 1-second resolution: expected a multiple of 1000')
    .optional(),
};

/** Options of {@link resolveValidity}. */
export type ValidityOptions = z.infer<z.ZodObject<typeof validityShape>>;

/**
 * A caller-chosen serial number: 1 to 40 hex digits of a positive integer that fits the 20 octets
 * RFC 5280 4.1.2.2 allows. Normalised like `ParsedCertificate.serialNumber`: lowercase hex octets
 * (an even number of digits) without leading zero octets.
 */
export const serialNumberSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{1,40}$/, 'expected 1 to 40 hex digits')
  .transform((hex) => {
    const digits = hex.toLowerCase().replace(/^0+(?=.)/, '');
    return digits.length % 2 === 0 ? digits : `0${digits}`;
  })
  .refine((hex) => /[1-9a-f]/.test(hex), 'expected a positive serial number, received 0')
  .refine(
    // A high first bit needs a 0x00 sign octet, which must still fit in 20 octets.
    (hex) => hex.length < 40 || Number.parseInt(hex[0] ?? '0', 16) < 8,
    'expected a serial number that encodes in at most 20 octets',
  );

/** What goes into a certificate this library encodes and signs itself. */
export interface CertificateFields {
  /** Hex, as `randomSerialNumber` or `serialNumberSchema` give it. */
  readonly serialNumber: string;
  /** The issuer Name (the subject of the signing CA, or `subject` when self-signed). */
  readonly issuer: Name;
  readonly subject: Name;
  /** Whole seconds: X.509 times have no milliseconds. */
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The subject's public key. */
  readonly spki: SubjectPublicKeyInfo;
  /** In order. */
  readonly extensions: readonly Extension[];
}
