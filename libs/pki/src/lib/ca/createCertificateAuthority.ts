import { resolveValidity } from '../certificates/resolveValidity.js';
import { randomSerialNumber } from '../certificates/randomSerialNumber.js';
import type { IssuedCertificateWithKey } from '../certificates/schemas.js';
import { toIssuedCertificate } from '../certificates/toIssuedCertificate.js';
import { signingAlgorithmFor } from '../crypto/signingAlgorithmFor.js';
import { subjectKeyIdentifier } from '../crypto/subjectKeyIdentifier.js';
import { x509 } from '../crypto/x509.js';
import { generateKeyPair } from '../keys/generateKeyPair.js';
import { parseOptions } from '../options/parseOptions.js';
import { pemToDer } from '../pem/pemToDer.js';
import {
  createCertificateAuthorityOptionsSchema,
  type CreateCertificateAuthorityOptions,
} from './schemas.js';

const CA_LIFETIME_DAYS = 3650;

/**
 * Creates a self-signed root CA with a fresh EC P-256 key: `basicConstraints cA=TRUE, pathLen=0`
 * (critical; it signs end entities only), `keyUsage keyCertSign, cRLSign, digitalSignature` (critical),
 * subject and authority key identifiers. Load it with `loadCertificateAuthority` to issue.
 *
 * This stands in for the certificate provider / registered CA that gives production certificates
 * their 1-year lifetime on AWS (aws-wire.md §1), and signs the local cloud's TLS certificate.
 *
 * @param options.commonName - the CA's CN.
 * @param options.lifetimeDays - Defaults to `3650` (10 years); or give `lifetimeMs`.
 * @param options.now - start of validity (rounded down to the second).
 * @throws {PkiError} `INVALID_ARGUMENT` for invalid options.
 */
export async function createCertificateAuthority(
  options: CreateCertificateAuthorityOptions,
): Promise<IssuedCertificateWithKey> {
  const parsed = parseOptions(
    createCertificateAuthorityOptionsSchema,
    options,
    'createCertificateAuthority',
  );
  const { notBefore, notAfter } = resolveValidity(parsed, CA_LIFETIME_DAYS);
  const keys = await generateKeyPair();
  const subjectKeyId = subjectKeyIdentifier(pemToDer(keys.publicKeyPem));
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: parsed.serialNumber ?? randomSerialNumber(),
    name: [{ CN: [parsed.commonName] }],
    notBefore,
    notAfter,
    keys: keys.cryptoKeyPair,
    signingAlgorithm: signingAlgorithmFor(keys.cryptoKeyPair.privateKey),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign |
          x509.KeyUsageFlags.cRLSign |
          x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      new x509.SubjectKeyIdentifierExtension(subjectKeyId),
      new x509.AuthorityKeyIdentifierExtension(subjectKeyId),
    ],
  });
  return {
    ...toIssuedCertificate(certificate),
    privateKeyPem: keys.privateKeyPem,
    publicKeyPem: keys.publicKeyPem,
  };
}
