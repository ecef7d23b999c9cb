import { createPrivateKey, createPublicKey } from 'node:crypto';
import { webcrypto } from '../crypto/x509.js';
import { generateKeyPair } from './generateKeyPair.js';

describe('generateKeyPair', () => {
  it('generates EC P-256 by default, as PKCS#8 and SPKI PEM plus WebCrypto keys', async () => {
    const keys = await generateKeyPair();
    expect(keys.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(keys.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const privateKey = createPrivateKey(keys.privateKeyPem);
    expect(privateKey.asymmetricKeyType).toBe('ec');
    expect(privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(createPublicKey(privateKey).export({ type: 'spki', format: 'pem' })).toBe(
      keys.publicKeyPem,
    );
    expect(keys.cryptoKeyPair.privateKey.algorithm).toEqual({ name: 'ECDSA', namedCurve: 'P-256' });
  });

  it('returns a pair whose halves belong together', async () => {
    const { cryptoKeyPair } = await generateKeyPair();
    const data = new TextEncoder().encode('proof');
    const algorithm = { name: 'ECDSA', hash: 'SHA-256' };
    const signature = await webcrypto.subtle.sign(algorithm, cryptoKeyPair.privateKey, data);
    await expect(
      webcrypto.subtle.verify(algorithm, cryptoKeyPair.publicKey, signature, data),
    ).resolves.toBe(true);
  });

  it('generates P-384 on request and refuses other curves', async () => {
    const keys = await generateKeyPair({ namedCurve: 'P-384' });
    expect(createPrivateKey(keys.privateKeyPem).asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
    await expect(generateKeyPair({ namedCurve: 'K-256' as 'P-256' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('returns distinct keys each time', async () => {
    const [a, b] = await Promise.all([generateKeyPair(), generateKeyPair()]);
    expect(a.privateKeyPem).not.toBe(b.privateKeyPem);
  });
});
