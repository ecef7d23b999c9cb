import { subjectKeyIdentifier } from '../crypto/subjectKeyIdentifier.js';
import { x509 } from '../crypto/x509.js';

/**
 * Extensions of an end-entity certificate: `basicConstraints cA=FALSE` (critical, so its key cannot
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
}): x509.Extension[] {
  const subjectKeyId = subjectKeyIdentifier(options.spki);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage[options.purpose]], false),
    new x509.SubjectKeyIdentifierExtension(subjectKeyId),
    new x509.AuthorityKeyIdentifierExtension(options.authorityKeyId ?? subjectKeyId),
  ];
  if (options.authorityKeyId !== undefined) {
    const rsa = options.publicKeyAlgorithm === 'RSA';
    extensions.push(
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | (rsa ? x509.KeyUsageFlags.keyEncipherment : 0),
        true,
      ),
    );
  }
  const names = options.subjectAltNames;
  if (names !== undefined && names.dns.length + names.ip.length > 0) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension(
        [
          ...names.dns.map((value) => ({ type: 'dns' as const, value })),
          ...names.ip.map((value) => ({ type: 'ip' as const, value })),
        ],
        false,
      ),
    );
  }
  return extensions;
}
