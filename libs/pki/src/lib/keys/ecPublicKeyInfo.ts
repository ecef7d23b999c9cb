import type { KeyObject } from 'node:crypto';
import { id_ecPublicKey } from '@peculiar/asn1-ecc';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { NAMED_CURVES } from './constants.js';

const UNCOMPRESSED_POINT = 0x04;

/**
 * The SubjectPublicKeyInfo of an EC public key on a NIST curve, which encodes to exactly what
 * WebCrypto's `exportKey('spki')` writes (named curve, uncompressed point). Built from the key's JWK
 * because OpenSSL's DER export costs more than the signature that follows.
 *
 * @returns the SubjectPublicKeyInfo, or `undefined` for any other key (callers then export through
 *   WebCrypto).
 */
export function ecPublicKeyInfo(publicKey: KeyObject): SubjectPublicKeyInfo | undefined {
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
  return new SubjectPublicKeyInfo({
    algorithm: new AlgorithmIdentifier({
      algorithm: id_ecPublicKey,
      parameters: curve.parameters.slice().buffer,
    }),
    subjectPublicKey: new Uint8Array(Buffer.concat([Buffer.of(UNCOMPRESSED_POINT), x, y])).buffer,
  });
}
