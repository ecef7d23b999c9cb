import type { webcrypto } from 'node:crypto';

const HASH_BY_CURVE: Readonly<Record<string, string>> = {
  'P-256': 'SHA-256',
  'P-384': 'SHA-384',
  'P-521': 'SHA-512',
};

/**
 * The signature algorithm this library signs with for a private key: ECDSA with the hash matching the
 * curve's strength, RSASSA-PKCS1-v1_5 with the key's own hash (SHA-256 for keys this library imports).
 * All of them are on AWS IoT's list of supported certificate signing algorithms.
 */
export function signingAlgorithmFor(key: webcrypto.CryptoKey): { name: string; hash: string } {
  const algorithm = key.algorithm as webcrypto.KeyAlgorithm & {
    namedCurve?: string;
    hash?: { name: string };
  };
  if (algorithm.name === 'ECDSA') {
    return { name: 'ECDSA', hash: HASH_BY_CURVE[algorithm.namedCurve ?? ''] ?? 'SHA-256' };
  }
  return { name: algorithm.name, hash: algorithm.hash?.name ?? 'SHA-256' };
}
