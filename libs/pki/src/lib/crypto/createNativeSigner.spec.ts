import { KeyObject, verify } from 'node:crypto';
import { generateKeyPair } from '../keys/generateKeyPair.js';
import { importPrivateKeyPem } from '../keys/importPrivateKeyPem.js';
import { createNativeSigner } from './createNativeSigner.js';
import { webcrypto } from './x509.js';

const data = new TextEncoder().encode('tbs');

describe('createNativeSigner', () => {
  it.each([
    ['P-256', 'ECDSA/SHA-256', 'sha256'],
    ['P-384', 'ECDSA/SHA-384', 'sha384'],
    ['P-521', 'ECDSA/SHA-512', 'sha512'],
  ] as const)(
    'signs with a %s key as %s, DER signatures that verify',
    async (namedCurve, name, hash) => {
      const keys = await generateKeyPair({ namedCurve });
      const signer = createNativeSigner(keys.cryptoKeyPair.privateKey);
      expect(signer?.algorithm).toMatchObject({ name, hash, keyType: 'ec' });
      const signature = signer?.sign(data) ?? new Uint8Array();
      const publicKey = KeyObject.from(keys.cryptoKeyPair.publicKey);
      expect(verify(hash, data, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
    },
  );

  it('signs with a non-extractable RSA key (PKCS #1 v1.5, SHA-256) that WebCrypto verifies', async () => {
    const { privateKey } = await webcrypto.subtle
      .generateKey(
        {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: 2048,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash: 'SHA-256',
        },
        true,
        ['sign', 'verify'],
      )
      .then(async (pair) => {
        const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', pair.privateKey);
        const pem = `-----BEGIN PRIVATE KEY-----\n${Buffer.from(pkcs8).toString('base64')}\n-----END PRIVATE KEY-----\n`;
        return (await importPrivateKeyPem(pem)).cryptoKeyPair;
      });
    expect(privateKey.extractable).toBe(false);
    const signer = createNativeSigner(privateKey);
    expect(signer?.algorithm.name).toBe('RSASSA-PKCS1-v1_5/SHA-256');
    const publicKey = KeyObject.from(privateKey);
    expect(verify('sha256', data, publicKey, signer?.sign(data) ?? new Uint8Array())).toBe(true);
  });

  it('declines RSA-PSS keys', async () => {
    const pair = await webcrypto.subtle.generateKey(
      {
        name: 'RSA-PSS',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      false,
      ['sign', 'verify'],
    );
    expect(createNativeSigner(pair.privateKey)).toBeUndefined();
  });
});
