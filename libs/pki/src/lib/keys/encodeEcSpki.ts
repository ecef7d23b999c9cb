import type { KeyObject } from 'node:crypto';
import { DER_TAGS, OIDS } from '../der/constants.js';
import { encodeDer } from '../der/encodeDer.js';
import { NAMED_CURVES } from './constants.js';

/**
 * The SubjectPublicKeyInfo DER of an EC public key on a NIST curve, byte for byte what WebCrypto's
 * `exportKey('spki')` writes (named curve, uncompressed point), built from the key's JWK because
 * OpenSSL's DER encoder costs more than the signature that follows.
 *
 * @returns the DER, or `undefined` for any other key (callers then export through WebCrypto).
 */
export function encodeEcSpki(publicKey: KeyObject): Uint8Array | undefined {
  if (publicKey.type !== 'public' || publicKey.asymmetricKeyType !== 'ec') {
    return undefined;
  }
  const jwk = publicKey.export({ format: 'jwk' });
  const curve = NAMED_CURVES.find((c) => c.name === jwk.crv);
  if (curve === undefined || jwk.x === undefined || jwk.y === undefined) {
    return undefined;
  }
  const x = Buffer.from(jwk.x, 'base64url');
  const y = Buffer.from(jwk.y, 'base64url');
  if (x.byteLength !== curve.coordinateBytes || y.byteLength !== curve.coordinateBytes) {
    return undefined;
  }
  return encodeDer(
    DER_TAGS.sequence,
    encodeDer(DER_TAGS.sequence, OIDS.ecPublicKey, curve.oid),
    encodeDer(DER_TAGS.bitString, new Uint8Array([0, 0x04]), x, y),
  );
}
