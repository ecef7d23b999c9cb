import { generateKeyPairSync } from 'node:crypto';
import { webcrypto } from '../crypto/x509.js';
import { PkiError } from '../errors/PkiError.js';
import { importPrivateKeyPem } from './importPrivateKeyPem.js';

function pemOf(
  type: 'ec' | 'rsa' | 'ed25519',
  options: { namedCurve?: string; modulusLength?: number },
  encoding: 'pkcs8' | 'sec1' | 'pkcs1' = 'pkcs8',
): string {
  // Node's overloads do not line up with a union of key types; the shape is what matters here.
  const { privateKey } = (
    generateKeyPairSync as (t: string, o: object) => { privateKey: { export(o: object): string } }
  )(type, options);
  return privateKey.export({ type: encoding, format: 'pem' });
}

async function signsAndVerifies(pem: string): Promise<boolean> {
  const { cryptoKeyPair } = await importPrivateKeyPem(pem);
  const algorithm =
    cryptoKeyPair.privateKey.algorithm.name === 'ECDSA'
      ? { name: 'ECDSA', hash: 'SHA-256' }
      : { name: 'RSASSA-PKCS1-v1_5' };
  const data = new TextEncoder().encode('x');
  const signature = await webcrypto.subtle.sign(algorithm, cryptoKeyPair.privateKey, data);
  return webcrypto.subtle.verify(algorithm, cryptoKeyPair.publicKey, signature, data);
}

describe('importPrivateKeyPem', () => {
  it.each([
    ['EC P-256 PKCS#8', pemOf('ec', { namedCurve: 'P-256' })],
    ['EC P-256 SEC 1', pemOf('ec', { namedCurve: 'P-256' }, 'sec1')],
    ['EC P-384 PKCS#8', pemOf('ec', { namedCurve: 'P-384' })],
    ['EC P-521 SEC 1', pemOf('ec', { namedCurve: 'P-521' }, 'sec1')],
    ['RSA-2048 PKCS#8', pemOf('rsa', { modulusLength: 2048 })],
    ['RSA-2048 PKCS#1', pemOf('rsa', { modulusLength: 2048 }, 'pkcs1')],
  ])('imports %s and returns PKCS#8 and SPKI PEM', async (_name, pem) => {
    const keys = await importPrivateKeyPem(pem);
    expect(keys.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(keys.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(keys.cryptoKeyPair.privateKey.extractable).toBe(false);
    await expect(signsAndVerifies(pem)).resolves.toBe(true);
  });

  it.each([
    [
      'RSA-1024',
      pemOf('rsa', { modulusLength: 1024 }),
      /RSA-1024, expected RSA with at least 2048 bits/,
    ],
    ['secp256k1', pemOf('ec', { namedCurve: 'secp256k1' }), /EC curve "secp256k1"/],
    ['Ed25519', pemOf('ed25519', {}), /algorithm "ED25519"/],
    [
      'an encrypted key',
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n',
      /Encrypted private keys are not supported/,
    ],
  ])('refuses %s with UNSUPPORTED_KEY', async (_name, pem, message) => {
    const error = await importPrivateKeyPem(pem).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PkiError);
    expect(error).toMatchObject({ code: 'UNSUPPORTED_KEY', message });
  });

  it.each([
    ['garbage', 'not a key'],
    ['a certificate', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'],
    ['a corrupt body', '-----BEGIN PRIVATE KEY-----\nMIIBAAAA\n-----END PRIVATE KEY-----\n'],
    ['two keys', pemOf('ec', { namedCurve: 'P-256' }).repeat(2)],
  ])('refuses %s with MALFORMED_KEY', async (_name, pem) => {
    await expect(importPrivateKeyPem(pem)).rejects.toMatchObject({ code: 'MALFORMED_KEY' });
  });

  it('keeps key material out of error messages', async () => {
    const pem = pemOf('rsa', { modulusLength: 1024 });
    const body = pem.split('\n')[1] ?? '';
    const error = (await importPrivateKeyPem(pem).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain(body.slice(0, 16));
  });
});
