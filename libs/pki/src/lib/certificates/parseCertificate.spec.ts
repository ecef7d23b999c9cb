import { X509Certificate } from 'node:crypto';
import { createCertificateAuthority } from '../ca/createCertificateAuthority.js';
import { loadCertificateAuthority } from '../ca/loadCertificateAuthority.js';
import { PkiError } from '../errors/PkiError.js';
import { createSelfSignedCertificate } from './createSelfSignedCertificate.js';
import { parseCertificate } from './parseCertificate.js';

const now = new Date('2025-08-01T00:00:00Z');

describe('parseCertificate', () => {
  it('reads a claim certificate', async () => {
    const claim = await createSelfSignedCertificate({ now });
    const parsed = parseCertificate(claim.certificatePem);
    const oracle = new X509Certificate(claim.certificatePem);
    expect(parsed).toMatchObject({
      certificateId: claim.certificateId,
      subject: 'CN=device-claim',
      commonName: 'device-claim',
      issuer: 'CN=device-claim',
      serialNumber: oracle.serialNumber.toLowerCase(),
      notBefore: now,
      notAfter: new Date(oracle.validTo),
      publicKeyAlgorithm: 'EC',
      namedCurve: 'P-256',
      isCa: false,
      subjectAltNames: { dns: [], ip: [] },
      extendedKeyUsages: ['clientAuth'],
    });
    expect(Buffer.from(parsed.der)).toEqual(oracle.raw);
  });

  it('reads a CA and a server certificate', async () => {
    const caMaterial = await createCertificateAuthority({ commonName: 'Local CA', now });
    const ca = await loadCertificateAuthority(caMaterial);
    const server = await ca.issueServerCertificate({
      hostnames: ['localhost'],
      ipAddresses: ['127.0.0.1', '::1'],
      now,
    });
    expect(parseCertificate(caMaterial.certificatePem)).toMatchObject({
      isCa: true,
      commonName: 'Local CA',
    });
    expect(parseCertificate(server.certificatePem)).toMatchObject({
      isCa: false,
      commonName: 'localhost',
      issuer: 'CN=Local CA',
      subjectAltNames: { dns: ['localhost'], ip: ['127.0.0.1', '::1'] },
      extendedKeyUsages: ['serverAuth'],
    });
  });

  it('reads DER as well as PEM', async () => {
    const claim = await createSelfSignedCertificate({ now });
    const der = new Uint8Array(new X509Certificate(claim.certificatePem).raw);
    expect(parseCertificate(der).certificateId).toBe(claim.certificateId);
  });

  it('serial numbers have no leading zero octet', async () => {
    const claim = await createSelfSignedCertificate({ now, serialNumber: '00ff01' });
    expect(parseCertificate(claim.certificatePem).serialNumber).toBe('ff01');
    const small = await createSelfSignedCertificate({ now, serialNumber: '1' });
    expect(parseCertificate(small.certificatePem).serialNumber).toBe('01');
  });

  it.each([
    ['garbage', 'garbage'],
    ['truncated base64', '-----BEGIN CERTIFICATE-----\nMIIB\nAA\n-----END CERTIFICATE-----\n'],
    [
      'base64 that is not a certificate',
      '-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----END CERTIFICATE-----\n',
    ],
  ])('throws MALFORMED_CERTIFICATE for %s', (_name, pem) => {
    expect(() => parseCertificate(pem)).toThrow(PkiError);
    expect(() => parseCertificate(pem)).toThrow(
      expect.objectContaining({ code: 'MALFORMED_CERTIFICATE' }),
    );
  });

  it('throws MALFORMED_CERTIFICATE for a chain, naming splitPemBundle', async () => {
    const claim = await createSelfSignedCertificate({ now });
    expect(() => parseCertificate(claim.certificatePem.repeat(2))).toThrow(
      /use splitPemBundle for chains/,
    );
  });

  it('throws MALFORMED_CERTIFICATE for a truncated certificate body', async () => {
    const claim = await createSelfSignedCertificate({ now });
    const der = new X509Certificate(claim.certificatePem).raw;
    expect(() => parseCertificate(new Uint8Array(der.subarray(0, der.length - 20)))).toThrow(
      expect.objectContaining({ code: 'MALFORMED_CERTIFICATE' }),
    );
  });
});
