import { z } from 'zod';
import { cryptoKeyPairSchema } from '../crypto/schemas.js';

/** NIST curves AWS IoT accepts, by their WebCrypto names (CreateCertificateFromCsr API reference). */
export const SUPPORTED_CURVES = ['P-256', 'P-384', 'P-521'] as const;

/** One of {@link SUPPORTED_CURVES}. */
export type SupportedCurve = (typeof SUPPORTED_CURVES)[number];

/** Smallest RSA modulus AWS IoT accepts, in bits (CreateCertificateFromCsr API reference). */
export const MIN_RSA_MODULUS_BITS = 2048;

/**
 * A private key with its public half, in both PEM and WebCrypto form.
 *
 * `privateKeyPem` is PKCS#8 (`-----BEGIN PRIVATE KEY-----`), `publicKeyPem` is SPKI
 * (`-----BEGIN PUBLIC KEY-----`). Treat `privateKeyPem` as a secret: write it with
 * `writeSecretFileAtomic` and never log it.
 */
export type KeyMaterial = Readonly<z.infer<typeof keyMaterialSchema>>;

/** Validates a {@link KeyMaterial} passed in by a caller. */
export const keyMaterialSchema = z.object({
  privateKeyPem: z.string().min(1),
  publicKeyPem: z.string().min(1),
  cryptoKeyPair: cryptoKeyPairSchema,
});

/**
 * What a public key is, as read from its SubjectPublicKeyInfo.
 *
 * `publicKeyAlgorithm` is `'EC'` or `'RSA'` for the keys AWS IoT accepts; other keys are named
 * in upper case after Node's `KeyObject.asymmetricKeyType` (`'ED25519'`, `'DSA'`, `'RSA-PSS'`, ...).
 * `namedCurve` uses the WebCrypto name for NIST curves (`'P-256'`) and OpenSSL's name otherwise
 * (`'secp256k1'`).
 */
export interface PublicKeyDescription {
  readonly publicKeyAlgorithm: string;
  readonly namedCurve?: string;
  readonly modulusLength?: number;
}
