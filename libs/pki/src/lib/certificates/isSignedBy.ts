import type { webcrypto } from 'node:crypto';
import type { x509 } from '../crypto/x509.js';

/**
 * Whether `certificate` names `issuerName` as its issuer and its signature verifies with `issuerKey`.
 * Algorithm mismatches (an RSA signature against an EC key) count as "not signed by", not as errors.
 */
export async function isSignedBy(
  certificate: x509.X509Certificate,
  issuerName: x509.Name,
  issuerKey: x509.PublicKey | webcrypto.CryptoKey,
): Promise<boolean> {
  if (
    !Buffer.from(certificate.issuerName.toArrayBuffer()).equals(
      Buffer.from(issuerName.toArrayBuffer()),
    )
  ) {
    return false;
  }
  try {
    return await certificate.verify({ publicKey: issuerKey, signatureOnly: true });
  } catch {
    return false;
  }
}
