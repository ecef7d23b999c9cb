import { X509Certificate, createPrivateKey } from 'node:crypto';
import { isCertificateValidAt } from '../certificates/isCertificateValidAt.js';
import { parseCertificate } from '../certificates/parseCertificate.js';
import { verifyCertificateSignedBy } from '../certificates/verifyCertificateSignedBy.js';
import { parseCsr } from '../csr/parseCsr.js';
import { createTestPki } from './createTestPki.js';
import { createUnsupportedCsr } from './createUnsupportedCsr.js';
import { tamperPemSignature } from './tamperPemSignature.js';

const now = new Date('2025-08-01T00:00:00Z');

describe('createTestPki', () => {
  it('gives a CA, a claim, a device, an expired device and a server certificate around now', async () => {
    const pki = await createTestPki({ now });
    const claim = parseCertificate(pki.claim.certificatePem);
    const device = parseCertificate(pki.device.certificatePem);
    const expired = parseCertificate(pki.expiredDevice.certificatePem);
    const server = parseCertificate(pki.server.certificatePem);
    expect(isCertificateValidAt(pki.ca, now)).toBe(true);
    expect(claim).toMatchObject({ commonName: 'device-claim', issuer: 'CN=device-claim' });
    expect(claim.notAfter.getUTCFullYear()).toBe(2045);
    expect(device).toMatchObject({ commonName: 'robot-001', notBefore: now });
    expect(pki.device.thingName).toBe('robot-001');
    expect(isCertificateValidAt(device, now)).toBe(true);
    expect(isCertificateValidAt(expired, now)).toBe(false);
    expect(expired.notAfter).toEqual(new Date('2025-07-31T00:00:00Z'));
    expect(server.subjectAltNames).toEqual({ dns: ['localhost'], ip: ['127.0.0.1', '::1'] });
    for (const issued of [pki.device, pki.expiredDevice, pki.server]) {
      await expect(
        verifyCertificateSignedBy(issued.certificatePem, pki.ca.certificatePem),
      ).resolves.toBe(true);
      expect(
        new X509Certificate(issued.certificatePem).checkPrivateKey(
          createPrivateKey(issued.privateKeyPem),
        ),
      ).toBe(true);
    }
  });

  it('names the device after the given thing and issues more devices', async () => {
    const pki = await createTestPki({ now, thingName: 'amr-42' });
    expect(parseCertificate(pki.device.certificatePem).commonName).toBe('amr-42');
    const short = await pki.issueDevice({ thingName: 'amr-43', lifetimeMs: 120_000 });
    expect(short.notAfter).toEqual(new Date('2025-08-01T00:02:00Z'));
    expect(short.thingName).toBe('amr-43');
    await expect(pki.ca.verifyIssued(short.certificatePem, { now })).resolves.toBe(true);
  });

  it('exposes the CA key so tests can reload the CA', async () => {
    const pki = await createTestPki({ now });
    expect(createPrivateKey(pki.caPrivateKeyPem).asymmetricKeyType).toBe('ec');
  });
});

describe('createUnsupportedCsr and tamperPemSignature', () => {
  it('produce CSRs that parseCsr refuses for the intended reason', async () => {
    const weak = await createUnsupportedCsr();
    await expect(parseCsr(weak)).rejects.toMatchObject({ code: 'UNSUPPORTED_KEY' });
    const pki = await createTestPki({ now });
    await expect(
      pki.ca.verifyIssued(tamperPemSignature(pki.device.certificatePem), { now }),
    ).resolves.toBe(false);
  });
});
