import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  ExtendedKeyUsage,
  Extension,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  SubjectKeyIdentifier,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
  id_kp_clientAuth,
  id_kp_serverAuth,
  type SubjectPublicKeyInfo,
} from '@peculiar/asn1-x509';
import { subjectKeyIdentifier } from '../crypto/subjectKeyIdentifier.js';
import { x509 } from '../crypto/x509.js';

const extension = (extnID: string, critical: boolean, value: object) =>
  new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });

// The same for every certificate of a kind, so encoded once. cA FALSE is the DEFAULT, so the
// BasicConstraints SEQUENCE is empty (X.690 11.5).
const END_ENTITY = extension(id_ce_basicConstraints, true, new BasicConstraints());
const CLIENT_AUTH = extension(id_ce_extKeyUsage, false, new ExtendedKeyUsage([id_kp_clientAuth]));
const SERVER_AUTH = extension(id_ce_extKeyUsage, false, new ExtendedKeyUsage([id_kp_serverAuth]));
// KeyUsage (RFC 5280 4.2.1.3): digitalSignature, and keyEncipherment for RSA keys.
const DIGITAL_SIGNATURE = extension(
  id_ce_keyUsage,
  true,
  new KeyUsage(KeyUsageFlags.digitalSignature),
);
const DIGITAL_SIGNATURE_KEY_ENCIPHERMENT = extension(
  id_ce_keyUsage,
  true,
  new KeyUsage(KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment),
);

/**
 * Extensions of an end-entity certificate, as the @peculiar/x509 extension classes write them:
 * `basicConstraints cA=FALSE` (critical, so its key cannot sign certificates that chain to it), the
 * extended key usage for its purpose, subject and authority key identifiers (the subject's own for a
 * self-signed certificate), and subjectAltName when names are given.
 *
 * `keyUsage` (critical: digitalSignature, plus keyEncipherment for RSA keys, which TLS 1.2 RSA key
 * exchange needs) is added to CA-issued certificates only. With a keyUsage lacking keyCertSign, OpenSSL's
 * `X509_check_issued` no longer accepts a self-signed certificate as its own issuer (Node's
 * `X509Certificate.checkIssued(self)` turns false), and keyCertSign on a non-CA certificate is
 * forbidden by RFC 5280 4.2.1.3; so self-signed claim certificates carry none, as `openssl req -x509`.
 */
export function leafExtensions(options: {
  spki: SubjectPublicKeyInfo;
  /** As `describePublicKey` names it: `'EC'`, `'RSA'`, ... */
  publicKeyAlgorithm: string;
  purpose: 'clientAuth' | 'serverAuth';
  /** The issuing CA's key identifier (hex); absent for self-signed certificates. */
  authorityKeyId?: string;
  subjectAltNames?: { dns: readonly string[]; ip: readonly string[] };
}): Extension[] {
  const subjectKeyId = Buffer.from(subjectKeyIdentifier(options.spki), 'hex');
  const authorityKeyId =
    options.authorityKeyId === undefined
      ? subjectKeyId
      : Buffer.from(options.authorityKeyId, 'hex');
  const extensions = [
    END_ENTITY,
    options.purpose === 'clientAuth' ? CLIENT_AUTH : SERVER_AUTH,
    extension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(subjectKeyId)),
    extension(
      id_ce_authorityKeyIdentifier,
      false,
      new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(authorityKeyId) }),
    ),
  ];
  if (options.authorityKeyId !== undefined) {
    extensions.push(
      options.publicKeyAlgorithm === 'RSA' ? DIGITAL_SIGNATURE_KEY_ENCIPHERMENT : DIGITAL_SIGNATURE,
    );
  }
  const names = options.subjectAltNames;
  if (names !== undefined && names.dns.length + names.ip.length > 0) {
    // Only TLS server certificates have names, a few per process lifetime: @peculiar/x509 turns the
    // IP address strings into octets.
    const subjectAltName = new x509.SubjectAlternativeNameExtension(
      [
        ...names.dns.map((value) => ({ type: 'dns' as const, value })),
        ...names.ip.map((value) => ({ type: 'ip' as const, value })),
      ],
      false,
    );
    extensions.push(AsnConvert.parse(subjectAltName.rawData, Extension));
  }
  return extensions;
}
