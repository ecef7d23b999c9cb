import { createPublicKey, verify } from 'node:crypto';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import type { Name } from '@peculiar/asn1-x509';
import { NATIVE_SIGNATURE_ALGORITHMS } from '../crypto/constants.js';
import { assertAwsSupportedKey } from '../keys/assertAwsSupportedKey.js';
import { readSpki } from '../keys/readSpki.js';
import type { DecodedCsr } from './schemas.js';

// CertificationRequestInfo version 0 (RFC 2986 4.1).
const VERSION_0 = 0;
// The string types @peculiar/x509 writes back as they were: PrintableString of its character set,
// UTF8String and IA5String.
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/**
 * The fast path of reading a CSR: a PKCS#10 request (RFC 2986) with no attributes, a subject of
 * plain strings, an EC or RSA key AWS IoT accepts and a signature algorithm of
 * `NATIVE_SIGNATURE_ALGORITHMS`, decoded with @peculiar/asn1-csr and whose signature (over the
 * CertificationRequestInfo as received) verifies with `node:crypto`. It skips the WebCrypto round
 * trips of @peculiar/x509's parser, which a fleet-provisioning storm pays once per robot.
 *
 * @returns the request, or `undefined` whenever anything differs from that — unusual, unsupported,
 *   malformed or not verifying — so that the caller runs the full parser, which accepts it or
 *   refuses it with its precise error. Never throws.
 */
export function readVerifiedCsr(der: Uint8Array): DecodedCsr | undefined {
  let request: CertificationRequest;
  try {
    request = AsnConvert.parse(der, CertificationRequest);
  } catch {
    return undefined;
  }
  const info = request.certificationRequestInfo;
  const signed = request.certificationRequestInfoRaw;
  if (
    signed === undefined ||
    info.version !== VERSION_0 ||
    info.attributes.length > 0 ||
    !isPlainName(info.subject)
  ) {
    return undefined;
  }
  const key = readSpki(info.subjectPKInfo);
  const native = NATIVE_SIGNATURE_ALGORITHMS.find((a) =>
    a.identifier.isEqual(request.signatureAlgorithm),
  );
  if (key === undefined || native === undefined || native.keyType !== key.jwk.kty?.toLowerCase()) {
    return undefined;
  }
  try {
    assertAwsSupportedKey(key.description, 'CSR');
    const publicKey = createPublicKey({ key: key.jwk, format: 'jwk' });
    const verified = verify(
      native.hash,
      new Uint8Array(signed),
      native.keyType === 'ec' ? { key: publicKey, dsaEncoding: 'der' } : publicKey,
      new Uint8Array(request.signature),
    );
    if (!verified) {
      return undefined;
    }
  } catch {
    return undefined;
  }
  return { der, subject: info.subject, spki: info.subjectPKInfo, key: key.description };
}

/** A Name (RFC 5280 4.1.2.4) of non-empty SETs of attributes whose values are plain strings. */
function isPlainName(name: Name): boolean {
  return name.every(
    (rdn) =>
      rdn.length > 0 &&
      rdn.every(({ value }) =>
        value.printableString !== undefined
          ? PRINTABLE.test(value.printableString)
          : value.utf8String !== undefined || value.ia5String !== undefined,
      ),
  );
}
