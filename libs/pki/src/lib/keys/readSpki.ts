import type { JsonWebKey } from 'node:crypto';
import { DER_TAGS, OIDS } from '../der/constants.js';
import { readDerChildren } from '../der/readDerChildren.js';
import { readDerElement } from '../der/readDerElement.js';
import type { DerElement } from '../der/types.js';
import { NAMED_CURVES } from './constants.js';
import type { PublicKeyDescription } from './schemas.js';

const UNCOMPRESSED_POINT = 0x04;

/**
 * Describes the common SubjectPublicKeyInfo kinds from their DER alone — EC on a NIST curve named by
 * OID with an uncompressed point, and RSA — and gives the JWK to import the key with. Importing a JWK
 * skips OpenSSL's DER decoders, which cost more than a signature check.
 *
 * @returns the description (as `describePublicKey` gives it) and JWK, or `undefined` for any other
 *   key or encoding; callers then use `describePublicKey`. Never throws.
 */
export function readSpki(
  spki: Uint8Array,
): { description: PublicKeyDescription; jwk: JsonWebKey } | undefined {
  const outer = readDerElement(spki, 0);
  if (outer?.tag !== DER_TAGS.sequence || outer.end !== spki.byteLength) {
    return undefined;
  }
  const [algorithm, key, ...rest] = readDerChildren(spki, outer) ?? [];
  if (algorithm?.tag !== DER_TAGS.sequence || key?.tag !== DER_TAGS.bitString || rest.length > 0) {
    return undefined;
  }
  const [type, parameters, ...more] = readDerChildren(spki, algorithm) ?? [];
  // A BIT STRING of a key has no unused bits.
  if (type === undefined || parameters === undefined || more.length > 0) {
    return undefined;
  }
  if (spki[key.contentStart] !== 0) {
    return undefined;
  }
  const keyBytes = spki.subarray(key.contentStart + 1, key.end);
  if (same(spki, type, OIDS.ecPublicKey)) {
    const curve = NAMED_CURVES.find((c) => same(spki, parameters, c.oid));
    const size = curve?.coordinateBytes ?? 0;
    if (
      curve === undefined ||
      keyBytes.byteLength !== 1 + 2 * size ||
      keyBytes[0] !== UNCOMPRESSED_POINT
    ) {
      return undefined;
    }
    return {
      description: { publicKeyAlgorithm: 'EC', namedCurve: curve.name },
      jwk: {
        kty: 'EC',
        crv: curve.name,
        x: base64url(keyBytes.subarray(1, 1 + size)),
        y: base64url(keyBytes.subarray(1 + size)),
      },
    };
  }
  if (
    same(spki, type, OIDS.rsaEncryption) &&
    parameters.tag === DER_TAGS.null &&
    parameters.end === parameters.contentStart
  ) {
    const sequence = readDerElement(keyBytes, 0);
    if (sequence?.tag !== DER_TAGS.sequence || sequence.end !== keyBytes.byteLength) {
      return undefined;
    }
    const [modulus, exponent, ...extra] = readDerChildren(keyBytes, sequence) ?? [];
    const n = modulus === undefined ? undefined : positiveInteger(keyBytes, modulus);
    const e = exponent === undefined ? undefined : positiveInteger(keyBytes, exponent);
    if (n === undefined || e === undefined || extra.length > 0) {
      return undefined;
    }
    return {
      description: { publicKeyAlgorithm: 'RSA', modulusLength: bitLength(n) },
      jwk: { kty: 'RSA', n: base64url(n), e: base64url(e) },
    };
  }
  return undefined;
}

function same(der: Uint8Array, element: DerElement, encoded: Uint8Array): boolean {
  return Buffer.from(
    der.buffer,
    der.byteOffset + element.start,
    element.end - element.start,
  ).equals(encoded);
}

/** The magnitude of a positive, minimally encoded INTEGER, without its sign octet. */
function positiveInteger(der: Uint8Array, element: DerElement): Uint8Array | undefined {
  const content = der.subarray(element.contentStart, element.end);
  const [first = 0, second = 0] = content;
  if (element.tag !== DER_TAGS.integer || content.byteLength === 0 || first >= 0x80) {
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
