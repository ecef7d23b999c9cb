import type { webcrypto } from 'node:crypto';
import { z } from 'zod';

/**
 * Signature algorithms AWS IoT accepts on certificates and CSRs ("X.509 client certificates", AWS IoT
 * Developer Guide: SHA256/384/512WITHRSA and ECDSA-WITH-SHA256/384/512), as WebCrypto names.
 */
export const SUPPORTED_SIGNATURE_ALGORITHMS: ReadonlySet<string> = new Set([
  'RSASSA-PKCS1-v1_5/SHA-256',
  'RSASSA-PKCS1-v1_5/SHA-384',
  'RSASSA-PKCS1-v1_5/SHA-512',
  'ECDSA/SHA-256',
  'ECDSA/SHA-384',
  'ECDSA/SHA-512',
]);

function isCryptoKey(value: unknown): value is webcrypto.CryptoKey {
  return (
    typeof value === 'object' &&
    value !== null &&
    'algorithm' in value &&
    'type' in value &&
    'usages' in value
  );
}

/** A WebCrypto key pair whose private half can sign. */
export const cryptoKeyPairSchema = z.custom<webcrypto.CryptoKeyPair>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    'privateKey' in value &&
    'publicKey' in value &&
    isCryptoKey(value.privateKey) &&
    isCryptoKey(value.publicKey) &&
    value.privateKey.type === 'private' &&
    value.privateKey.usages.includes('sign'),
  { message: 'expected a WebCrypto CryptoKeyPair whose private key may sign' },
);

/**
 * A subject common name: 1 to 128 characters. RFC 5280 bounds CN at 64, but AWS IoT thing names run to
 * 128 and are often used as the CN, so the AWS bound is applied instead.
 */
export const commonNameSchema = z.string().min(1).max(128);

/** A point in time that is a valid `Date`. */
export const nowSchema = z.date({ message: 'expected now to be a valid Date' });
