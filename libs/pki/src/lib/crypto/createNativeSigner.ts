import { KeyObject, sign, type webcrypto } from 'node:crypto';
import { NATIVE_SIGNATURE_ALGORITHMS } from './constants.js';
import { signingAlgorithmFor } from './signingAlgorithmFor.js';
import type { NativeSigner } from './types.js';

/**
 * A signer on `node:crypto` for a WebCrypto private key, with the algorithm `signingAlgorithmFor`
 * picks for it. Signing this way is synchronous and skips the ASN.1 work of @peculiar/x509, which
 * costs several times the signature itself. Works for non-extractable keys.
 *
 * @returns the signer, or `undefined` when the algorithm is not one of
 *   `NATIVE_SIGNATURE_ALGORITHMS` (RSA-PSS, for one); callers then sign through @peculiar/x509.
 */
export function createNativeSigner(privateKey: webcrypto.CryptoKey): NativeSigner | undefined {
  const { name, hash } = signingAlgorithmFor(privateKey);
  const algorithm = NATIVE_SIGNATURE_ALGORITHMS.find((a) => a.name === `${name}/${hash}`);
  const key = KeyObject.from(privateKey);
  if (algorithm === undefined || key.asymmetricKeyType !== algorithm.keyType) {
    return undefined;
  }
  const signingKey = algorithm.keyType === 'ec' ? { key, dsaEncoding: 'der' as const } : key;
  return {
    algorithm,
    sign: (data) => new Uint8Array(sign(algorithm.hash, data, signingKey)),
  };
}
