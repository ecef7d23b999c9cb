import { createPublicKey, type KeyObject } from 'node:crypto';
import { PkiError } from '../errors/PkiError.js';
import type { PublicKeyDescription } from './schemas.js';

const NIST_CURVE_NAMES: Readonly<Record<string, string>> = {
  prime256v1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
};

/**
 * Describes a public key given as SubjectPublicKeyInfo DER or as a Node `KeyObject`.
 *
 * @throws {PkiError} `MALFORMED_KEY` when the DER is not a SubjectPublicKeyInfo Node can read.
 */
export function describePublicKey(key: Uint8Array | KeyObject): PublicKeyDescription {
  let keyObject: KeyObject;
  if (key instanceof Uint8Array) {
    try {
      keyObject = createPublicKey({ key: Buffer.from(key), format: 'der', type: 'spki' });
    } catch (error) {
      throw new PkiError(
        'MALFORMED_KEY',
        `Could not read the public key (${key.byteLength} bytes of DER), expected a SubjectPublicKeyInfo`,
        { cause: error },
      );
    }
  } else {
    keyObject = key;
  }
  const type = keyObject.asymmetricKeyType ?? 'unknown';
  const details = keyObject.asymmetricKeyDetails ?? {};
  const description: { publicKeyAlgorithm: string; namedCurve?: string; modulusLength?: number } = {
    publicKeyAlgorithm: type.toUpperCase(),
  };
  if (details.namedCurve !== undefined) {
    description.namedCurve = NIST_CURVE_NAMES[details.namedCurve] ?? details.namedCurve;
  }
  if (details.modulusLength !== undefined) {
    description.modulusLength = details.modulusLength;
  }
  return description;
}
