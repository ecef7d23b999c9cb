import { createHash } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { PkiError } from '../errors/PkiError.js';

/**
 * RFC 5280 4.2.1.2 method (1) key identifier: SHA-1 of the subjectPublicKey BIT STRING (without its
 * unused-bits octet), as lowercase hex. Computed from the SubjectPublicKeyInfo (or its DER) because
 * it runs on every issuance, and exporting a CryptoKey to hash it costs more than the hash.
 *
 * @throws {PkiError} `MALFORMED_KEY` when the bytes are not a DER SubjectPublicKeyInfo.
 */
export function subjectKeyIdentifier(spki: SubjectPublicKeyInfo | Uint8Array): string {
  let info: SubjectPublicKeyInfo;
  if (spki instanceof Uint8Array) {
    try {
      info = AsnConvert.parse(spki, SubjectPublicKeyInfo);
    } catch (error) {
      throw new PkiError(
        'MALFORMED_KEY',
        `Could not parse ${spki.byteLength} bytes of DER as a public key, expected a SubjectPublicKeyInfo`,
        { cause: error },
      );
    }
  } else {
    info = spki;
  }
  return createHash('sha1').update(new Uint8Array(info.subjectPublicKey)).digest('hex');
}
