import { AsnConvert } from '@peculiar/asn1-schema';
import { Name, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { decodeCertificate } from '../certificates/decodeCertificate.js';
import { encodeCertificate } from '../certificates/encodeCertificate.js';
import { asnNameOf } from '../certificates/asnNameOf.js';
import { isCertificateValidAt } from '../certificates/isCertificateValidAt.js';
import { isSignedBy } from '../certificates/isSignedBy.js';
import { leafExtensions } from '../certificates/leafExtensions.js';
import { randomSerialNumber } from '../certificates/randomSerialNumber.js';
import { resolveValidity } from '../certificates/resolveValidity.js';
import type { IssuedCertificate } from '../certificates/schemas.js';
import { toIssuedCertificate } from '../certificates/toIssuedCertificate.js';
import { createNativeSigner } from '../crypto/createNativeSigner.js';
import { sha256Hex } from '../crypto/sha256Hex.js';
import { subjectKeyIdentifier } from '../crypto/subjectKeyIdentifier.js';
import { x509 } from '../crypto/x509.js';
import { decodeCsr } from '../csr/decodeCsr.js';
import { PkiError } from '../errors/PkiError.js';
import { generateKeyPair } from '../keys/generateKeyPair.js';
import { importPrivateKeyPem } from '../keys/importPrivateKeyPem.js';
import { parseOptions } from '../options/parseOptions.js';
import { pemToDer } from '../pem/pemToDer.js';
import {
  issueFromCsrOptionsSchema,
  issueKeyAndCertificateOptionsSchema,
  issueServerCertificateOptionsSchema,
  loadCertificateAuthorityOptionsSchema,
  verifyIssuedOptionsSchema,
  type CertificateAuthority,
  type LoadCertificateAuthorityOptions,
} from './schemas.js';

const DEVICE_LIFETIME_DAYS = 365;
const SERVER_LIFETIME_DAYS = 825;

/**
 * Loads a CA certificate and its private key for issuing. The key is imported once and shared by every
 * call, so issuing costs one signature.
 *
 * Accepts any CA certificate with `basicConstraints cA=TRUE` (and keyCertSign when keyUsage is present)
 * whose key is one `importPrivateKeyPem` accepts, e.g. from `createCertificateAuthority` or OpenSSL.
 *
 * @throws {PkiError} `MALFORMED_CERTIFICATE` or `MALFORMED_KEY` for unreadable input; `UNSUPPORTED_KEY`;
 *   `NOT_A_CA` when the certificate may not sign certificates; `KEY_MISMATCH` when the private key is
 *   not the certificate's.
 */
export async function loadCertificateAuthority(
  options: LoadCertificateAuthorityOptions,
): Promise<CertificateAuthority> {
  const pems = parseOptions(
    loadCertificateAuthorityOptionsSchema,
    options,
    'loadCertificateAuthority',
  );
  const { certificate: caCertificate, der: caDer } = decodeCertificate(pems.certificatePem);
  const constraints = caCertificate.getExtension(x509.BasicConstraintsExtension);
  const keyUsage = caCertificate.getExtension(x509.KeyUsagesExtension);
  if (constraints?.ca !== true) {
    throw new PkiError(
      'NOT_A_CA',
      `Certificate "${caCertificate.subject}" has no basicConstraints cA=TRUE, expected a CA certificate`,
    );
  }
  if (keyUsage !== null && (keyUsage.usages & x509.KeyUsageFlags.keyCertSign) === 0) {
    throw new PkiError(
      'NOT_A_CA',
      `Certificate "${caCertificate.subject}" has keyUsage without keyCertSign, expected a CA certificate`,
    );
  }
  const keys = await importPrivateKeyPem(pems.privateKeyPem);
  const keySpki = Buffer.from(pemToDer(keys.publicKeyPem));
  if (!keySpki.equals(Buffer.from(caCertificate.publicKey.rawData))) {
    throw new PkiError(
      'KEY_MISMATCH',
      `The private key does not belong to CA certificate "${caCertificate.subject}", expected the key whose public half the certificate carries`,
    );
  }
  // The issuer Name as @peculiar/x509 writes it back, which is what issued certificates carry.
  const issuer = AsnConvert.parse(caCertificate.subjectName.toArrayBuffer(), Name);
  const issuerName = caCertificate.subjectName;
  const verifyKey = keys.cryptoKeyPair.publicKey;
  const signer = createNativeSigner(keys.cryptoKeyPair.privateKey);
  if (signer === undefined) {
    // importPrivateKeyPem only yields EC and RSA PKCS #1 v1.5 keys, which sign natively.
    throw new PkiError(
      'UNSUPPORTED_KEY',
      `Unsupported CA key algorithm "${keys.cryptoKeyPair.privateKey.algorithm.name}", expected EC or RSA`,
    );
  }
  // RFC 5280 4.2.1.1: the authority key identifier repeats the issuer's subject key identifier.
  const authorityKeyId =
    caCertificate.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId ??
    subjectKeyIdentifier(keySpki);
  const caNotBefore = caCertificate.notBefore;
  const caNotAfter = caCertificate.notAfter;

  // Encoded with @peculiar/asn1-x509 and signed with node:crypto (encodeCertificate), as
  // @peculiar/x509 would encode it: a storm of CreateCertificateFromCsr requests pays this once per
  // robot.
  const issue = (request: {
    subject: Name;
    spki: SubjectPublicKeyInfo;
    publicKeyAlgorithm: string;
    validity: { notBefore: Date; notAfter: Date };
    serialNumber: string | undefined;
    purpose: 'clientAuth' | 'serverAuth';
    subjectAltNames?: { dns: readonly string[]; ip: readonly string[] };
  }): IssuedCertificate => {
    const { notBefore, notAfter } = request.validity;
    if (notBefore < caNotBefore || notAfter > caNotAfter) {
      throw new PkiError(
        'CA_VALIDITY_EXCEEDED',
        `Requested validity ${notBefore.toISOString()}..${notAfter.toISOString()} leaves the CA's ${caNotBefore.toISOString()}..${caNotAfter.toISOString()}, expected a period inside it`,
      );
    }
    const encoded = encodeCertificate(
      {
        serialNumber: request.serialNumber ?? randomSerialNumber(),
        issuer,
        subject: request.subject,
        notBefore,
        notAfter,
        spki: request.spki,
        extensions: leafExtensions({
          spki: request.spki,
          publicKeyAlgorithm: request.publicKeyAlgorithm,
          purpose: request.purpose,
          authorityKeyId,
          ...(request.subjectAltNames === undefined
            ? {}
            : { subjectAltNames: request.subjectAltNames }),
        }),
      },
      signer,
    );
    return toIssuedCertificate(encoded);
  };

  return {
    certificatePem: pems.certificatePem,
    certificateId: sha256Hex(caDer),
    subject: caCertificate.subject,
    notBefore: caNotBefore,
    notAfter: caNotAfter,

    async issueFromCsr(csrPem, issueOptions) {
      const parsed = parseOptions(issueFromCsrOptionsSchema, issueOptions, 'issueFromCsr');
      const validity = resolveValidity(parsed, DEVICE_LIFETIME_DAYS);
      const csr = await decodeCsr(csrPem);
      return issue({
        subject:
          parsed.commonName === undefined ? csr.subject : asnNameOf([{ CN: [parsed.commonName] }]),
        spki: csr.spki,
        publicKeyAlgorithm: csr.key.publicKeyAlgorithm,
        validity,
        serialNumber: parsed.serialNumber,
        purpose: 'clientAuth',
      });
    },

    async issueKeyAndCertificate(issueOptions) {
      const parsed = parseOptions(
        issueKeyAndCertificateOptionsSchema,
        issueOptions,
        'issueKeyAndCertificate',
      );
      const validity = resolveValidity(parsed, DEVICE_LIFETIME_DAYS);
      const generated = await generateKeyPair();
      const issued = issue({
        subject: asnNameOf([{ CN: [parsed.commonName] }]),
        spki: AsnConvert.parse(pemToDer(generated.publicKeyPem), SubjectPublicKeyInfo),
        publicKeyAlgorithm: 'EC',
        validity,
        serialNumber: parsed.serialNumber,
        purpose: 'clientAuth',
      });
      return {
        ...issued,
        privateKeyPem: generated.privateKeyPem,
        publicKeyPem: generated.publicKeyPem,
      };
    },

    async issueServerCertificate(issueOptions) {
      const parsed = parseOptions(
        issueServerCertificateOptionsSchema,
        issueOptions,
        'issueServerCertificate',
      );
      const validity = resolveValidity(parsed, SERVER_LIFETIME_DAYS);
      const generated = await generateKeyPair();
      const commonName = parsed.commonName ?? parsed.hostnames[0] ?? parsed.ipAddresses[0] ?? '';
      const issued = issue({
        subject: asnNameOf([{ CN: [commonName] }]),
        spki: AsnConvert.parse(pemToDer(generated.publicKeyPem), SubjectPublicKeyInfo),
        publicKeyAlgorithm: 'EC',
        validity,
        serialNumber: parsed.serialNumber,
        purpose: 'serverAuth',
        subjectAltNames: { dns: parsed.hostnames, ip: parsed.ipAddresses },
      });
      return {
        ...issued,
        privateKeyPem: generated.privateKeyPem,
        publicKeyPem: generated.publicKeyPem,
      };
    },

    async verifyIssued(certificate, verifyOptions) {
      const { now } = parseOptions(verifyIssuedOptionsSchema, verifyOptions, 'verifyIssued');
      const decoded = decodeCertificate(certificate).certificate;
      return (
        isCertificateValidAt(decoded, now) && (await isSignedBy(decoded, issuerName, verifyKey))
      );
    },
  };
}
