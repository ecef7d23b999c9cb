import { X509Certificate, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { webcrypto, x509 } from '../crypto/x509.js';
import { generateKeyPair } from '../keys/generateKeyPair.js';
import { importPrivateKeyPem } from '../keys/importPrivateKeyPem.js';
import { createSelfSignedCertificate } from './createSelfSignedCertificate.js';
import { parseCertificate } from './parseCertificate.js';

const DAY_MS = 86_400_000;
const now = new Date('2025-08-01T09:30:00Z');

describe('createSelfSignedCertificate', () => {
  it('defaults to the design 12.1 claim: CN device-claim, 7300 days, self-signed', async () => {
    const claim = await createSelfSignedCertificate({ now });
    const oracle = new X509Certificate(claim.certificatePem);
    expect(oracle.subject).toBe('CN=device-claim');
    expect(oracle.issuer).toBe('CN=device-claim');
    expect(claim.notBefore).toEqual(now);
    expect(claim.notAfter.getTime() - claim.notBefore.getTime()).toBe(7300 * DAY_MS);
    expect(new Date(oracle.validTo)).toEqual(claim.notAfter);
    expect(oracle.checkIssued(oracle)).toBe(true);
    expect(oracle.verify(oracle.publicKey)).toBe(true);
    expect(oracle.checkPrivateKey(createPrivateKey(claim.privateKeyPem))).toBe(true);
  });

  it('is an end entity for client authentication with no keyUsage', async () => {
    const claim = await createSelfSignedCertificate({ now });
    const cert = new x509.X509Certificate(claim.certificatePem);
    expect(cert.getExtension(x509.BasicConstraintsExtension)).toMatchObject({
      ca: false,
      critical: true,
    });
    expect(Array.from(cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages ?? [])).toEqual([
      x509.ExtendedKeyUsage.clientAuth,
    ]);
    // With keyUsage lacking keyCertSign OpenSSL would no longer see it as its own issuer.
    expect(cert.getExtension(x509.KeyUsagesExtension)).toBeNull();
    expect(cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId).toBe(
      cert.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId,
    );
  });

  it('uses the keys it is given (the device keeps its key)', async () => {
    const keys = await generateKeyPair();
    const claim = await createSelfSignedCertificate({ now, keys, commonName: 'claim-robot-001' });
    expect(claim.privateKeyPem).toBe(keys.privateKeyPem);
    const spki = new Uint8Array(
      await webcrypto.subtle.exportKey('spki', keys.cryptoKeyPair.publicKey),
    );
    expect(
      new Uint8Array(new x509.X509Certificate(claim.certificatePem).publicKey.rawData),
    ).toEqual(spki);
    expect(parseCertificate(claim.certificatePem).commonName).toBe('claim-robot-001');
  });

  it('signs with an imported RSA-2048 key using sha256WithRSAEncryption', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keys = await importPrivateKeyPem(
      privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    );
    const claim = await createSelfSignedCertificate({ now, keys });
    expect(parseCertificate(claim.certificatePem)).toMatchObject({
      publicKeyAlgorithm: 'RSA',
      modulusLength: 2048,
    });
    expect(new x509.X509Certificate(claim.certificatePem).signatureAlgorithm).toMatchObject({
      name: 'RSASSA-PKCS1-v1_5',
      hash: { name: 'SHA-256' },
    });
    expect(
      new X509Certificate(claim.certificatePem).verify(
        new X509Certificate(claim.certificatePem).publicKey,
      ),
    ).toBe(true);
  });

  it('refuses keys AWS IoT would refuse', async () => {
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
    const keys = { cryptoKeyPair, privateKeyPem: 'unused', publicKeyPem: 'unused' };
    await expect(createSelfSignedCertificate({ now, keys })).rejects.toMatchObject({
      code: 'UNSUPPORTED_KEY',
    });
  });

  it('honours lifetimeDays and lifetimeMs (a 2-minute certificate)', async () => {
    const year = await createSelfSignedCertificate({ now, lifetimeDays: 365 });
    expect(year.notAfter.getTime() - year.notBefore.getTime()).toBe(365 * DAY_MS);
    const short = await createSelfSignedCertificate({ now, lifetimeMs: 120_000 });
    expect(short.notAfter).toEqual(new Date('2025-08-01T09:32:00Z'));
    expect(new Date(new X509Certificate(short.certificatePem).validTo)).toEqual(short.notAfter);
  });

  it('rounds now down to the second so the lifetime stays exact', async () => {
    const claim = await createSelfSignedCertificate({
      now: new Date('2025-08-01T09:30:00.750Z'),
      lifetimeMs: 60_000,
    });
    expect(claim.notBefore).toEqual(new Date('2025-08-01T09:30:00Z'));
    expect(claim.notAfter).toEqual(new Date('2025-08-01T09:31:00Z'));
  });

  it('encodes dates after 2049 (GeneralizedTime)', async () => {
    const claim = await createSelfSignedCertificate({ now: new Date('2040-01-01T00:00:00Z') });
    expect(claim.notAfter.getUTCFullYear()).toBe(2059);
    expect(new Date(new X509Certificate(claim.certificatePem).validTo)).toEqual(claim.notAfter);
  });

  it.each([
    ['both lifetimes', { lifetimeDays: 1, lifetimeMs: 1000 }],
    ['a sub-second lifetimeMs', { lifetimeMs: 1500 }],
    ['a zero lifetimeDays', { lifetimeDays: 0 }],
    ['an invalid date', { now: new Date('not a date') }],
    ['a missing now', { now: undefined }],
    ['a lifetime past year 9999', { lifetimeDays: 3_000_000 }],
    ['a zero serial number', { serialNumber: '00' }],
    ['a non-hex serial number', { serialNumber: 'xyz' }],
    ['a 21-octet serial number', { serialNumber: 'ff'.repeat(20) }],
  ])('refuses %s with INVALID_ARGUMENT', async (_name, override) => {
    await expect(
      createSelfSignedCertificate({ now, ...override } as Parameters<
        typeof createSelfSignedCertificate
      >[0]),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
