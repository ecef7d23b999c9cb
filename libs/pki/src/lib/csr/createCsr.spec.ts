import { createPrivateKey } from 'node:crypto';
import { generateKeyPair } from '../keys/generateKeyPair.js';
import { webcrypto, x509 } from '../crypto/x509.js';
import { createCsr } from './createCsr.js';

describe('createCsr', () => {
  it('creates a PEM CSR with CN, O and C, signed by the key and carrying its public key', async () => {
    const keys = await generateKeyPair();
    const pem = await createCsr({
      keys,
      commonName: 'robot-001',
      organization: 'Example',
      country: 'JP',
    });
    expect(pem).toMatch(
      /^-----BEGIN CERTIFICATE REQUEST-----\n[\s\S]+-----END CERTIFICATE REQUEST-----\n$/,
    );
    const csr = new x509.Pkcs10CertificateRequest(pem);
    expect(csr.subject).toBe('C=JP, O=Example, CN=robot-001');
    await expect(csr.verify()).resolves.toBe(true);
    const spki = new Uint8Array(
      await webcrypto.subtle.exportKey('spki', keys.cryptoKeyPair.publicKey),
    );
    expect(new Uint8Array(csr.publicKey.rawData)).toEqual(spki);
  });

  it('signs with the hash that matches the curve', async () => {
    const keys = await generateKeyPair({ namedCurve: 'P-384' });
    const csr = new x509.Pkcs10CertificateRequest(
      await createCsr({ keys, commonName: 'robot-384' }),
    );
    expect(csr.signatureAlgorithm).toMatchObject({ name: 'ECDSA', hash: { name: 'SHA-384' } });
  });

  it('contains no private key material', async () => {
    const keys = await generateKeyPair();
    const pem = await createCsr({ keys, commonName: 'robot-001' });
    const scalar = Buffer.from(
      createPrivateKey(keys.privateKeyPem).export({ format: 'jwk' }).d ?? '',
      'base64url',
    );
    expect(scalar).toHaveLength(32);
    const der = Buffer.from(new x509.Pkcs10CertificateRequest(pem).rawData);
    expect(der.includes(scalar)).toBe(false);
  });

  it.each([
    ['an empty common name', { commonName: '' }],
    ['a 129-character common name', { commonName: 'x'.repeat(129) }],
    ['a lower-case country', { commonName: 'r', country: 'jp' }],
    ['keys without a key pair', { commonName: 'r', keys: {} }],
  ])('refuses %s with INVALID_ARGUMENT', async (_name, override) => {
    const keys = await generateKeyPair();
    await expect(
      createCsr({ keys, ...override } as Parameters<typeof createCsr>[0]),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
