import { webcrypto } from '../crypto/x509.js';
import { createCsr } from '../csr/createCsr.js';

/**
 * A CSR with an RSA-1024 key, correctly self-signed, that AWS IoT's CreateCertificateFromCsr refuses
 * (RSA keys must have at least 2048 bits). For negative tests of CSR-consuming code.
 *
 * @param options.commonName - Defaults to `'robot-weak-key'`.
 */
export async function createUnsupportedCsr(options: { commonName?: string } = {}): Promise<string> {
  const cryptoKeyPair = await webcrypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 1024,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  );
  return createCsr({ keys: { cryptoKeyPair }, commonName: options.commonName ?? 'robot-weak-key' });
}
