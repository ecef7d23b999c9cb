import { createPublicKey, verify } from 'node:crypto';
import { NATIVE_SIGNATURE_ALGORITHMS } from '../crypto/constants.js';
import { DER_TAGS } from '../der/constants.js';
import { readDerChildren } from '../der/readDerChildren.js';
import { readDerElement } from '../der/readDerElement.js';
import type { DerElement } from '../der/types.js';
import { assertAwsSupportedKey } from '../keys/assertAwsSupportedKey.js';
import { readSpki } from '../keys/readSpki.js';
import type { DecodedCsr } from './schemas.js';

// CertificationRequestInfo version 0 (RFC 2986 4.1).
const VERSION_0 = [DER_TAGS.integer, 1, 0];
// What @peculiar/x509 reads back byte for byte: PrintableString of its character set, UTF8String
// (without a byte order mark, which a UTF-8 decoder would drop) and IA5String.
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The fast path of reading a CSR: a strict-DER PKCS#10 request (RFC 2986) with no attributes, a
 * subject of plain strings, an EC or RSA key AWS IoT accepts and a signature algorithm of
 * `NATIVE_SIGNATURE_ALGORITHMS`, whose signature verifies with `node:crypto`. It costs a fraction of
 * the full parse through @peculiar/x509, which a fleet-provisioning storm pays once per robot.
 *
 * @returns the request, or `undefined` whenever anything differs from that — unusual, unsupported,
 *   malformed or not verifying — so that the caller runs the full parser, which accepts it or
 *   refuses it with its precise error. Never throws.
 */
export function readVerifiedCsr(der: Uint8Array): DecodedCsr | undefined {
  const outer = readDerElement(der, 0);
  if (outer?.tag !== DER_TAGS.sequence || outer.end !== der.byteLength) {
    return undefined;
  }
  const [info, algorithm, signature, ...rest] = readDerChildren(der, outer) ?? [];
  if (
    info?.tag !== DER_TAGS.sequence ||
    algorithm?.tag !== DER_TAGS.sequence ||
    signature?.tag !== DER_TAGS.bitString ||
    der[signature.contentStart] !== 0 ||
    rest.length > 0
  ) {
    return undefined;
  }
  const [version, subject, spki, attributes, ...more] = readDerChildren(der, info) ?? [];
  if (
    version === undefined ||
    !bytesAre(der, version, VERSION_0) ||
    subject === undefined ||
    !isPlainName(der, subject) ||
    spki?.tag !== DER_TAGS.sequence ||
    attributes === undefined ||
    !bytesAre(der, attributes, [DER_TAGS.context0, 0]) ||
    more.length > 0
  ) {
    return undefined;
  }
  const spkiDer = der.slice(spki.start, spki.end);
  const key = readSpki(spkiDer);
  const algorithmDer = Buffer.from(der.subarray(algorithm.start, algorithm.end));
  const native = NATIVE_SIGNATURE_ALGORITHMS.find((a) => algorithmDer.equals(a.identifier));
  if (key === undefined || native === undefined || native.keyType !== key.jwk.kty?.toLowerCase()) {
    return undefined;
  }
  try {
    assertAwsSupportedKey(key.description, 'CSR');
    const publicKey = createPublicKey({ key: key.jwk, format: 'jwk' });
    const verified = verify(
      native.hash,
      der.subarray(info.start, info.end),
      native.keyType === 'ec' ? { key: publicKey, dsaEncoding: 'der' } : publicKey,
      der.subarray(signature.contentStart + 1, signature.end),
    );
    if (!verified) {
      return undefined;
    }
  } catch {
    return undefined;
  }
  return {
    der,
    subjectDer: der.slice(subject.start, subject.end),
    spki: spkiDer,
    key: key.description,
  };
}

function bytesAre(der: Uint8Array, element: DerElement, expected: readonly number[]): boolean {
  const length = element.end - element.start;
  return length === expected.length && expected.every((b, i) => der[element.start + i] === b);
}

/** A Name (RFC 5280 4.1.2.4) of SETs of type-and-value pairs whose values are plain strings. */
function isPlainName(der: Uint8Array, name: DerElement): boolean {
  const rdns = name.tag === DER_TAGS.sequence ? readDerChildren(der, name) : undefined;
  if (rdns === undefined) {
    return false;
  }
  for (const rdn of rdns) {
    const attributes = rdn.tag === DER_TAGS.set ? readDerChildren(der, rdn) : undefined;
    if (attributes === undefined || attributes.length === 0) {
      return false;
    }
    for (const attribute of attributes) {
      const [type, value, ...extra] =
        attribute.tag === DER_TAGS.sequence ? (readDerChildren(der, attribute) ?? []) : [];
      if (
        type?.tag !== DER_TAGS.objectIdentifier ||
        !isObjectIdentifier(der, type) ||
        value === undefined ||
        !isPlainString(der, value) ||
        extra.length > 0
      ) {
        return false;
      }
    }
  }
  return true;
}

function isObjectIdentifier(der: Uint8Array, oid: DerElement): boolean {
  // X.690 8.19: each subidentifier ends on an octet with the high bit clear, none starts with 0x80.
  if (oid.end === oid.contentStart || ((der[oid.end - 1] ?? 0x80) & 0x80) !== 0) {
    return false;
  }
  for (let i = oid.contentStart; i < oid.end; i += 1) {
    const startsSubidentifier = i === oid.contentStart || ((der[i - 1] ?? 0) & 0x80) === 0;
    if (startsSubidentifier && der[i] === 0x80) {
      return false;
    }
  }
  return true;
}

function isPlainString(der: Uint8Array, value: DerElement): boolean {
  const bytes = der.subarray(value.contentStart, value.end);
  switch (value.tag) {
    case DER_TAGS.printableString:
      return PRINTABLE.test(Buffer.from(bytes).toString('latin1'));
    case DER_TAGS.ia5String:
      return bytes.every((b) => b < 0x80);
    case DER_TAGS.utf8String:
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        return false;
      }
      try {
        utf8.decode(bytes);
        return true;
      } catch {
        return false;
      }
    default:
      return false;
  }
}
