import { X509Certificate, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { parseCertificate } from '../certificates/parseCertificate.js';
import { createSelfSignedCertificate } from '../certificates/createSelfSignedCertificate.js';
import { x509 } from '../crypto/x509.js';
import { createCsr } from '../csr/createCsr.js';
import { PkiError } from '../errors/PkiError.js';
import { generateKeyPair } from '../keys/generateKeyPair.js';
import { importPrivateKeyPem } from '../keys/importPrivateKeyPem.js';
import { createUnsupportedCsr } from '../testing/createUnsupportedCsr.js';
import { tamperPemSignature } from '../testing/tamperPemSignature.js';
import { createCertificateAuthority } from './createCertificateAuthority.js';
import { loadCertificateAuthority } from './loadCertificateAuthority.js';

const DAY_MS = 86_400_000;
const caStart = new Date('2025-01-01T00:00:00Z');
const now = new Date('2025-08-01T12:00:00Z');

async function loadedCa(commonName = 'Local CA') {
  const material = await createCertificateAuthority({ commonName, now: caStart });
  return { material, ca: await loadCertificateAuthority(material) };
}

describe('loadCertificateAuthority', () => {
  it('exposes the CA certificate, its id, subject and validity', async () => {
    const { material, ca } = await loadedCa();
    expect(ca).toMatchObject({
      certificatePem: material.certificatePem,
      certificateId: material.certificateId,
      subject: 'CN=Local CA',
      notBefore: material.notBefore,
      notAfter: material.notAfter,
    });
  });

  it('refuses a certificate that is not a CA', async () => {
    const claim = await createSelfSignedCertificate({ now });
    await expect(
      loadCertificateAuthority({
        certificatePem: claim.certificatePem,
        privateKeyPem: claim.privateKeyPem,
      }),
    ).rejects.toMatchObject({ code: 'NOT_A_CA' });
  });

  it("refuses a key that is not the certificate's", async () => {
    const { material } = await loadedCa();
    const other = await generateKeyPair();
    await expect(
      loadCertificateAuthority({
        certificatePem: material.certificatePem,
        privateKeyPem: other.privateKeyPem,
      }),
    ).rejects.toMatchObject({ code: 'KEY_MISMATCH' });
  });

  it('refuses malformed input', async () => {
    const { material } = await loadedCa();
    await expect(
      loadCertificateAuthority({
        certificatePem: 'garbage',
        privateKeyPem: material.privateKeyPem,
      }),
    ).rejects.toMatchObject({ code: 'MALFORMED_CERTIFICATE' });
    await expect(
      loadCertificateAuthority({
        certificatePem: material.certificatePem,
        privateKeyPem: material.certificatePem,
      }),
    ).rejects.toMatchObject({ code: 'MALFORMED_KEY' });
  });

  it('loads an RSA-2048 CA made elsewhere and signs with sha256WithRSAEncryption', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const keys = await importPrivateKeyPem(privateKeyPem);
    const rsaCa = await x509.X509CertificateGenerator.createSelfSigned({
      name: 'C=JP, O=Example, CN=RSA CA',
      notBefore: caStart,
      notAfter: new Date(caStart.getTime() + 3650 * DAY_MS),
      keys: keys.cryptoKeyPair,
      signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5' },
      extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
    });
    const ca = await loadCertificateAuthority({
      certificatePem: rsaCa.toString('pem'),
      privateKeyPem,
    });
    const device = await ca.issueKeyAndCertificate({ now, commonName: 'robot-rsa-ca' });
    const oracle = new X509Certificate(device.certificatePem);
    expect(oracle.checkIssued(new X509Certificate(rsaCa.toString('pem')))).toBe(true);
    expect(oracle.verify(new X509Certificate(rsaCa.toString('pem')).publicKey)).toBe(true);
    expect(oracle.issuer).toBe('C=JP\nO=Example\nCN=RSA CA');
    await expect(ca.verifyIssued(device.certificatePem, { now })).resolves.toBe(true);
  });
});

describe('CertificateAuthority.issueFromCsr', () => {
  it('issues a 365-day client certificate with the CSR subject and key', async () => {
    const { material, ca } = await loadedCa();
    const keys = await generateKeyPair();
    const csrPem = await createCsr({ keys, commonName: 'robot-001', organization: 'Example' });
    const issued = await ca.issueFromCsr(csrPem, { now });
    const oracle = new X509Certificate(issued.certificatePem);
    const caOracle = new X509Certificate(material.certificatePem);
    expect(oracle.checkIssued(caOracle)).toBe(true);
    expect(oracle.verify(caOracle.publicKey)).toBe(true);
    expect(oracle.checkPrivateKey(createPrivateKey(keys.privateKeyPem))).toBe(true);
    expect(oracle.subject).toBe('O=Example\nCN=robot-001');
    expect(oracle.ca).toBe(false);
    expect(issued.notBefore).toEqual(now);
    expect(issued.notAfter.getTime() - now.getTime()).toBe(365 * DAY_MS);
    const parsed = parseCertificate(issued.certificatePem);
    expect(parsed.extendedKeyUsages).toEqual(['clientAuth']);
    expect(parsed.certificateId).toBe(issued.certificateId);
    expect(parsed.serialNumber).toBe(issued.serialNumber);
  });

  it('carries critical keyUsage and key identifiers linking to the CA', async () => {
    const { material, ca } = await loadedCa();
    const issued = await ca.issueFromCsr(
      await createCsr({ keys: await generateKeyPair(), commonName: 'r' }),
      { now },
    );
    const cert = new x509.X509Certificate(issued.certificatePem);
    const caCert = new x509.X509Certificate(material.certificatePem);
    expect(cert.getExtension(x509.KeyUsagesExtension)).toMatchObject({
      usages: x509.KeyUsageFlags.digitalSignature,
      critical: true,
    });
    expect(cert.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toBe(
      caCert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId,
    );
  });

  it('gives random positive 16-octet serial numbers unless one is given', async () => {
    const { ca } = await loadedCa();
    const csrPem = await createCsr({ keys: await generateKeyPair(), commonName: 'robot-001' });
    const serials = await Promise.all(
      Array.from({ length: 20 }, async () => (await ca.issueFromCsr(csrPem, { now })).serialNumber),
    );
    expect(new Set(serials).size).toBe(20);
    for (const serial of serials) {
      expect(serial).toMatch(/^[4-7][0-9a-f]{31}$/);
    }
    const fixed = await ca.issueFromCsr(csrPem, { now, serialNumber: 'ABCDEF' });
    expect(fixed.serialNumber).toBe('abcdef');
    expect(new X509Certificate(fixed.certificatePem).serialNumber).toBe('ABCDEF');
  });

  it('overrides the subject with commonName', async () => {
    const { ca } = await loadedCa();
    const csrPem = await createCsr({
      keys: await generateKeyPair(),
      commonName: 'ignored',
      organization: 'X',
    });
    const issued = await ca.issueFromCsr(csrPem, { now, commonName: 'robot-002' });
    expect(new X509Certificate(issued.certificatePem).subject).toBe('CN=robot-002');
  });

  it('issues 2-minute certificates for rotation tests', async () => {
    const { ca } = await loadedCa();
    const csrPem = await createCsr({ keys: await generateKeyPair(), commonName: 'robot-001' });
    const issued = await ca.issueFromCsr(csrPem, { now, lifetimeMs: 2 * 60_000 });
    expect(issued.notAfter).toEqual(new Date('2025-08-01T12:02:00Z'));
    expect(new Date(new X509Certificate(issued.certificatePem).validTo)).toEqual(issued.notAfter);
  });

  it("refuses a validity period outside the CA's", async () => {
    const { ca } = await loadedCa();
    const csrPem = await createCsr({ keys: await generateKeyPair(), commonName: 'robot-001' });
    await expect(ca.issueFromCsr(csrPem, { now, lifetimeDays: 3650 })).rejects.toMatchObject({
      code: 'CA_VALIDITY_EXCEEDED',
    });
    await expect(
      ca.issueFromCsr(csrPem, { now: new Date('2024-12-31T00:00:00Z') }),
    ).rejects.toMatchObject({
      code: 'CA_VALIDITY_EXCEEDED',
    });
  });

  it('rejects RSA-1024, tampered and malformed CSRs the way parseCsr does', async () => {
    const { ca } = await loadedCa();
    const csrPem = await createCsr({ keys: await generateKeyPair(), commonName: 'robot-001' });
    await expect(ca.issueFromCsr(await createUnsupportedCsr(), { now })).rejects.toMatchObject({
      code: 'UNSUPPORTED_KEY',
    });
    await expect(ca.issueFromCsr(tamperPemSignature(csrPem), { now })).rejects.toMatchObject({
      code: 'INVALID_SIGNATURE',
    });
    await expect(ca.issueFromCsr('garbage', { now })).rejects.toBeInstanceOf(PkiError);
    await expect(ca.issueFromCsr(csrPem, { now: 'today' } as never)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

describe('CertificateAuthority.issueKeyAndCertificate', () => {
  it('generates a key and a matching client certificate, CN "AWS IoT Certificate" by default', async () => {
    const { material, ca } = await loadedCa();
    const issued = await ca.issueKeyAndCertificate({ now });
    const oracle = new X509Certificate(issued.certificatePem);
    expect(oracle.subject).toBe('CN=AWS IoT Certificate');
    expect(oracle.checkPrivateKey(createPrivateKey(issued.privateKeyPem))).toBe(true);
    expect(oracle.checkIssued(new X509Certificate(material.certificatePem))).toBe(true);
    expect(issued.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(issued.notAfter.getTime() - issued.notBefore.getTime()).toBe(365 * DAY_MS);
    expect(parseCertificate(issued.certificatePem).extendedKeyUsages).toEqual(['clientAuth']);
  });

  it('uses the given common name', async () => {
    const { ca } = await loadedCa();
    const issued = await ca.issueKeyAndCertificate({ now, commonName: 'robot-009' });
    expect(parseCertificate(issued.certificatePem).commonName).toBe('robot-009');
  });
});

describe('CertificateAuthority.issueServerCertificate', () => {
  it('puts every hostname and IP in subjectAltName with serverAuth, 825 days by default', async () => {
    const { material, ca } = await loadedCa();
    const server = await ca.issueServerCertificate({
      hostnames: ['localhost', 'iot.local.test'],
      ipAddresses: ['127.0.0.1', '::1'],
      now,
    });
    const oracle = new X509Certificate(server.certificatePem);
    expect(oracle.subjectAltName).toBe(
      'DNS:localhost, DNS:iot.local.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    );
    expect(oracle.checkHost('localhost')).toBe('localhost');
    expect(oracle.checkHost('iot.local.test')).toBe('iot.local.test');
    expect(oracle.checkHost('example.com')).toBeUndefined();
    expect(oracle.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(oracle.checkIP('::1')).toBe('::1');
    expect(oracle.checkIP('10.0.0.1')).toBeUndefined();
    expect(oracle.subject).toBe('CN=localhost');
    expect(oracle.checkIssued(new X509Certificate(material.certificatePem))).toBe(true);
    expect(oracle.checkPrivateKey(createPrivateKey(server.privateKeyPem))).toBe(true);
    expect(parseCertificate(server.certificatePem).extendedKeyUsages).toEqual(['serverAuth']);
    expect(server.notAfter.getTime() - server.notBefore.getTime()).toBe(825 * DAY_MS);
  });

  it('accepts IP addresses alone and names the certificate after the first', async () => {
    const { ca } = await loadedCa();
    const server = await ca.issueServerCertificate({ ipAddresses: ['127.0.0.1'], now });
    expect(parseCertificate(server.certificatePem)).toMatchObject({
      commonName: '127.0.0.1',
      subjectAltNames: { dns: [], ip: ['127.0.0.1'] },
    });
  });

  it.each([
    ['no names', { hostnames: [], ipAddresses: [] }],
    ['a malformed hostname', { hostnames: ['bad host'] }],
    ['a malformed IP address', { ipAddresses: ['300.1.1.1'] }],
  ])('refuses %s with INVALID_ARGUMENT', async (_name, names) => {
    const { ca } = await loadedCa();
    await expect(ca.issueServerCertificate({ now, ...names })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

describe('CertificateAuthority.verifyIssued', () => {
  it('is true inside the validity period and false outside it', async () => {
    const { ca } = await loadedCa();
    const issued = await ca.issueKeyAndCertificate({ now, lifetimeMs: 120_000 });
    await expect(ca.verifyIssued(issued.certificatePem, { now })).resolves.toBe(true);
    await expect(
      ca.verifyIssued(issued.certificatePem, { now: new Date('2025-08-01T12:02:00Z') }),
    ).resolves.toBe(true);
    await expect(
      ca.verifyIssued(issued.certificatePem, { now: new Date('2025-08-01T12:02:01Z') }),
    ).resolves.toBe(false);
    await expect(
      ca.verifyIssued(issued.certificatePem, { now: new Date('2025-08-01T11:59:59Z') }),
    ).resolves.toBe(false);
  });

  it("is false for another CA's certificate, a self-signed one and a tampered one", async () => {
    const { ca } = await loadedCa('Same Name');
    const { ca: other } = await loadedCa('Same Name');
    const foreign = await other.issueKeyAndCertificate({ now });
    const claim = await createSelfSignedCertificate({ now });
    const own = await ca.issueKeyAndCertificate({ now });
    await expect(ca.verifyIssued(foreign.certificatePem, { now })).resolves.toBe(false);
    await expect(ca.verifyIssued(claim.certificatePem, { now })).resolves.toBe(false);
    await expect(ca.verifyIssued(tamperPemSignature(own.certificatePem), { now })).resolves.toBe(
      false,
    );
  });

  it('throws for malformed input', async () => {
    const { ca } = await loadedCa();
    await expect(ca.verifyIssued('garbage', { now })).rejects.toMatchObject({
      code: 'MALFORMED_CERTIFICATE',
    });
  });
});
