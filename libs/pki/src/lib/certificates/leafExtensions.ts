import { subjectKeyIdentifier } from '../crypto/subjectKeyIdentifier.js';
import { x509 } from '../crypto/x509.js';
import { DER_TAGS, OIDS } from '../der/constants.js';
import { encodeDer } from '../der/encodeDer.js';

const CRITICAL = new Uint8Array([DER_TAGS.boolean, 1, 0xff]);
// cA FALSE is the DEFAULT, so the BasicConstraints SEQUENCE is empty (X.690 11.5).
const END_ENTITY = encodeDer(DER_TAGS.sequence);
// KeyUsage bits (RFC 5280 4.2.1.3) as DER BIT STRINGs: digitalSignature (bit 0), and with
// keyEncipherment (bit 2).
const DIGITAL_SIGNATURE = new Uint8Array([DER_TAGS.bitString, 2, 7, 0x80]);
const DIGITAL_SIGNATURE_KEY_ENCIPHERMENT = new Uint8Array([DER_TAGS.bitString, 2, 5, 0xa0]);

/**
 * Extensions of an end-entity certificate, each an encoded Extension (byte for byte what the
 * @peculiar/x509 extension classes write): `basicConstraints cA=FALSE` (critical, so its key cannot
 * sign certificates that chain to it), the extended key usage for its purpose, subject and authority
 * key identifiers (the subject's own for a self-signed certificate), and subjectAltName when names are
 * given.
 *
 * `keyUsage` (critical: digitalSignature, plus keyEncipherment for RSA keys, which TLS 1.2 RSA key
 * exchange needs) is added to CA-issued certificates only. With a keyUsage lacking keyCertSign, OpenSSL's
 * `X509_check_issued` no longer accepts a self-signed certificate as its own issuer (Node's
 * `X509Certificate.checkIssued(self)` turns false), and keyCertSign on a non-CA certificate is
 * forbidden by RFC 5280 4.2.1.3; so self-signed claim certificates carry none, as `openssl req -x509`.
 */
export function leafExtensions(options: {
  /** The subject's SubjectPublicKeyInfo DER. */
  spki: Uint8Array;
  /** As `describePublicKey` names it: `'EC'`, `'RSA'`, ... */
  publicKeyAlgorithm: string;
  purpose: 'clientAuth' | 'serverAuth';
  /** The issuing CA's key identifier (hex); absent for self-signed certificates. */
  authorityKeyId?: string;
  subjectAltNames?: { dns: readonly string[]; ip: readonly string[] };
}): Uint8Array[] {
  const subjectKeyId = Buffer.from(subjectKeyIdentifier(options.spki), 'hex');
  const authorityKeyId =
    options.authorityKeyId === undefined
      ? subjectKeyId
      : Buffer.from(options.authorityKeyId, 'hex');
  const extensions = [
    extension(OIDS.basicConstraints, true, END_ENTITY),
    extension(
      OIDS.extendedKeyUsage,
      false,
      encodeDer(
        DER_TAGS.sequence,
        options.purpose === 'clientAuth' ? OIDS.clientAuth : OIDS.serverAuth,
      ),
    ),
    extension(OIDS.subjectKeyIdentifier, false, encodeDer(DER_TAGS.octetString, subjectKeyId)),
    extension(
      OIDS.authorityKeyIdentifier,
      false,
      encodeDer(DER_TAGS.sequence, encodeDer(DER_TAGS.implicit0, authorityKeyId)),
    ),
  ];
  if (options.authorityKeyId !== undefined) {
    const rsa = options.publicKeyAlgorithm === 'RSA';
    extensions.push(
      extension(OIDS.keyUsage, true, rsa ? DIGITAL_SIGNATURE_KEY_ENCIPHERMENT : DIGITAL_SIGNATURE),
    );
  }
  const names = options.subjectAltNames;
  if (names !== undefined && names.dns.length + names.ip.length > 0) {
    // Only TLS server certificates have names, a few per process lifetime: the library encodes them.
    const subjectAltName = new x509.SubjectAlternativeNameExtension(
      [
        ...names.dns.map((value) => ({ type: 'dns' as const, value })),
        ...names.ip.map((value) => ({ type: 'ip' as const, value })),
      ],
      false,
    );
    extensions.push(new Uint8Array(subjectAltName.rawData));
  }
  return extensions;
}

function extension(oid: Uint8Array, critical: boolean, value: Uint8Array): Uint8Array {
  return critical
    ? encodeDer(DER_TAGS.sequence, oid, CRITICAL, encodeDer(DER_TAGS.octetString, value))
    : encodeDer(DER_TAGS.sequence, oid, encodeDer(DER_TAGS.octetString, value));
}
