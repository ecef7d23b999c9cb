import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { id_ecdsaWithSHA256, id_ecdsaWithSHA384, id_ecdsaWithSHA512 } from '@peculiar/asn1-ecc';
import {
  id_sha256WithRSAEncryption,
  id_sha384WithRSAEncryption,
  id_sha512WithRSAEncryption,
} from '@peculiar/asn1-rsa';
import type { NativeSignatureAlgorithm } from './types.js';

// ECDSA identifiers carry no parameters (RFC 5758 3.2); RSA PKCS #1 v1.5 ones carry NULL (RFC 4055
// 5), which is also what @peculiar/x509 writes. Built from the OIDs rather than taken from
// @peculiar/asn1-rsa's ready-made identifiers, whose `sha256WithRSAEncryption` (2.11.1) carries the
// OID of SHA-512/256.
const ecdsa = (name: string, hash: NativeSignatureAlgorithm['hash'], algorithm: string) => ({
  name,
  keyType: 'ec' as const,
  hash,
  identifier: new AlgorithmIdentifier({ algorithm }),
});
const rsa = (name: string, hash: NativeSignatureAlgorithm['hash'], algorithm: string) => ({
  name,
  keyType: 'rsa' as const,
  hash,
  identifier: new AlgorithmIdentifier({ algorithm, parameters: null }),
});

/**
 * The signature algorithms of `SUPPORTED_SIGNATURE_ALGORITHMS` (AWS IoT's list), with what signing
 * and verifying them with `node:crypto` takes.
 */
export const NATIVE_SIGNATURE_ALGORITHMS: readonly NativeSignatureAlgorithm[] = [
  ecdsa('ECDSA/SHA-256', 'sha256', id_ecdsaWithSHA256),
  ecdsa('ECDSA/SHA-384', 'sha384', id_ecdsaWithSHA384),
  ecdsa('ECDSA/SHA-512', 'sha512', id_ecdsaWithSHA512),
  rsa('RSASSA-PKCS1-v1_5/SHA-256', 'sha256', id_sha256WithRSAEncryption),
  rsa('RSASSA-PKCS1-v1_5/SHA-384', 'sha384', id_sha384WithRSAEncryption),
  rsa('RSASSA-PKCS1-v1_5/SHA-512', 'sha512', id_sha512WithRSAEncryption),
];
