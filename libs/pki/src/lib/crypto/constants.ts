import { DER_TAGS, OIDS } from '../der/constants.js';
import { encodeDer } from '../der/encodeDer.js';
import type { NativeSignatureAlgorithm } from './types.js';

const NULL = new Uint8Array([DER_TAGS.null, 0]);
// ECDSA identifiers carry no parameters (RFC 5758 3.2); RSA PKCS #1 v1.5 ones carry NULL (RFC 4055
// 5), which is also what @peculiar/x509 writes.
const ecdsa = (name: string, hash: NativeSignatureAlgorithm['hash'], oid: Uint8Array) => ({
  name,
  keyType: 'ec' as const,
  hash,
  identifier: encodeDer(DER_TAGS.sequence, oid),
});
const rsa = (name: string, hash: NativeSignatureAlgorithm['hash'], oid: Uint8Array) => ({
  name,
  keyType: 'rsa' as const,
  hash,
  identifier: encodeDer(DER_TAGS.sequence, oid, NULL),
});

/**
 * The signature algorithms of `SUPPORTED_SIGNATURE_ALGORITHMS` (AWS IoT's list), with what signing
 * and verifying them with `node:crypto` takes.
 */
export const NATIVE_SIGNATURE_ALGORITHMS: readonly NativeSignatureAlgorithm[] = [
  ecdsa('ECDSA/SHA-256', 'sha256', OIDS.ecdsaWithSha256),
  ecdsa('ECDSA/SHA-384', 'sha384', OIDS.ecdsaWithSha384),
  ecdsa('ECDSA/SHA-512', 'sha512', OIDS.ecdsaWithSha512),
  rsa('RSASSA-PKCS1-v1_5/SHA-256', 'sha256', OIDS.sha256WithRsaEncryption),
  rsa('RSASSA-PKCS1-v1_5/SHA-384', 'sha384', OIDS.sha384WithRsaEncryption),
  rsa('RSASSA-PKCS1-v1_5/SHA-512', 'sha512', OIDS.sha512WithRsaEncryption),
];
