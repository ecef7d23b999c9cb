import { createPrivateKey } from 'node:crypto';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import { generateKeyPair } from '../keys/generateKeyPair.js';
import { signingAlgorithmFor } from '../crypto/signingAlgorithmFor.js';
import { webcrypto, x509 } from '../crypto/x509.js';
import { SUPPORTED_CURVES } from '../keys/schemas.js';
import { createCsr } from './createCsr.js';

/** The CertificationRequestInfo (the signed part) of a CSR PEM, as hex. */
function infoHex(pem: string): string {
  const der = new x509.Pkcs10CertificateRequest(pem).rawData;
  const info = AsnConvert.parse(der, CertificationRequest).certificationRequestInfoRaw;
  if (info === undefined) throw new Error('not a CSR');
  return Buffer.from(info).toString('hex');
}

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

  it.each(SUPPORTED_CURVES)(
    'writes for a %s key the request @peculiar/x509 writes, with a signature that verifies',
    async (namedCurve) => {
      const keys = await generateKeyPair({ namedCurve });
      for (const options of [
        { commonName: 'robot-001' },
        { commonName: 'ロボット_001', organization: 'Example Co.', country: 'JP' },
      ]) {
        const pem = await createCsr({ keys, ...options });
        const reference = await x509.Pkcs10CertificateRequestGenerator.create({
          name: [
            ...(options.country === undefined ? [] : [{ C: [options.country] }]),
            ...(options.organization === undefined ? [] : [{ O: [options.organization] }]),
            { CN: [options.commonName] },
          ],
          keys: keys.cryptoKeyPair,
          signingAlgorithm: signingAlgorithmFor(keys.cryptoKeyPair.privateKey),
        });
        expect(infoHex(pem)).toBe(infoHex(reference.toString('pem')));
        const csr = new x509.Pkcs10CertificateRequest(pem);
        expect(csr.signatureAlgorithm).toEqual(reference.signatureAlgorithm);
        await expect(csr.verify()).resolves.toBe(true);
      }
    },
  );

  it('signs RSA keys through @peculiar/x509', async () => {
    const cryptoKeyPair = await webcrypto.subtle.generateKey(
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      true,
      ['sign', 'verify'],
    );
    const csr = new x509.Pkcs10CertificateRequest(
      await createCsr({ keys: { cryptoKeyPair }, commonName: 'robot-rsa' }),
    );
    expect(csr.subject).toBe('CN=robot-rsa');
    await expect(csr.verify()).resolves.toBe(true);
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
