import type { JsonWebKey } from 'node:crypto';
import { id_ecPublicKey } from '@peculiar/asn1-ecc';
import { RSAPublicKey, id_rsaEncryption } from '@peculiar/asn1-rsa';
import { AsnConvert } from '@peculiar/asn1-schema';
import type { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { NAMED_CURVES } from './constants.js';
import type { PublicKeyDescription } from './schemas.js';

const UNCOMPRESSED_POINT = 0x04;

/**
 * Describes the common SubjectPublicKeyInfo kinds — EC on a NIST curve named by OID with an
 * uncompressed point, and RSA — and gives the JWK to import the key with. Importing a JWK skips
 * OpenSSL's DER decoders, which cost more than a signature check.
 *
 * @returns the description (as `describePublicKey` gives it) and JWK, or `undefined` for any other
 *   key or encoding; callers then use `describePublicKey`. Never throws.
 */
export function readSpki(
  spki: SubjectPublicKeyInfo,
): { description: PublicKeyDescription; jwk: JsonWebKey } | undefined {
  const { algorithm, parameters } = spki.algorithm;
  const key = new Uint8Array(spki.subjectPublicKey);
  if (algorithm === id_ecPublicKey && parameters instanceof ArrayBuffer) {
    const encoded = Buffer.from(parameters);
    const curve = NAMED_CURVES.find((c) => encoded.equals(c.parameters));
    const size = curve?.coordinateBytes ?? 0;
    if (curve === undefined || key.byteLength !== 1 + 2 * size || key[0] !== UNCOMPRESSED_POINT) {
      return undefined;
    }
    return {
      description: { publicKeyAlgorithm: 'EC', namedCurve: curve.name },
      jwk: {
        kty: 'EC',
        crv: curve.name,
        x: base64url(key.subarray(1, 1 + size)),
        y: base64url(key.subarray(1 + size)),
      },
    };
  }
  // RFC 3279 2.3.1: rsaEncryption parameters are NULL.
  if (algorithm === id_rsaEncryption && parameters === null) {
    let rsa: RSAPublicKey;
    try {
      rsa = AsnConvert.parse(key, RSAPublicKey);
    } catch {
      return undefined;
    }
    const n = positiveInteger(new Uint8Array(rsa.modulus));
    const e = positiveInteger(new Uint8Array(rsa.publicExponent));
    if (n === undefined || e === undefined) {
      return undefined;
    }
    return {
      description: { publicKeyAlgorithm: 'RSA', modulusLength: bitLength(n) },
      jwk: { kty: 'RSA', n: base64url(n), e: base64url(e) },
    };
  }
  return undefined;
}

/** The magnitude of a positive, minimally encoded INTEGER's content octets, without its sign octet. */
function positiveInteger(content: Uint8Array): Uint8Array | undefined {
  const [first = 0, second = 0] = content;
  if (content.byteLength === 0 || first >= 0x80) {
    return undefined;
  }
  if (first === 0) {
    // A leading zero octet is only there to keep a high first bit positive.
    return content.byteLength > 1 && second >= 0x80 ? content.subarray(1) : undefined;
  }
  return content;
}

function bitLength(magnitude: Uint8Array): number {
  const first = magnitude[0] ?? 0;
  return (magnitude.byteLength - 1) * 8 + (32 - Math.clz32(first));
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}
