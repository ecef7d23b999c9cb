import { X509Certificate, createPrivateKey } from 'node:crypto';
import { x509 } from '../crypto/x509.js';
import { createCertificateAuthority } from './createCertificateAuthority.js';

const DAY_MS = 86_400_000;
const now = new Date('2025-08-01T00:00:00Z');

describe('createCertificateAuthority', () => {
  it('creates a self-signed EC P-256 root valid 3650 days by default', async () => {
    const ca = await createCertificateAuthority({ commonName: 'iot-gateway-net local CA', now });
    const oracle = new X509Certificate(ca.certificatePem);
    expect(oracle.ca).toBe(true);
    expect(oracle.subject).toBe('CN=iot-gateway-net local CA');
    expect(oracle.checkIssued(oracle)).toBe(true);
    expect(oracle.verify(oracle.publicKey)).toBe(true);
    expect(oracle.checkPrivateKey(createPrivateKey(ca.privateKeyPem))).toBe(true);
    expect(oracle.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(ca.notAfter.getTime() - ca.notBefore.getTime()).toBe(3650 * DAY_MS);
    expect(ca.certificateId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('may sign end entities only, with critical constraints and key usage', async () => {
    const ca = await createCertificateAuthority({ commonName: 'CA', now });
    const cert = new x509.X509Certificate(ca.certificatePem);
    expect(cert.getExtension(x509.BasicConstraintsExtension)).toMatchObject({
      ca: true,
      pathLength: 0,
      critical: true,
    });
    const keyUsage = cert.getExtension(x509.KeyUsagesExtension);
    expect(keyUsage?.critical).toBe(true);
    expect(keyUsage?.usages).toBe(
      x509.KeyUsageFlags.keyCertSign |
        x509.KeyUsageFlags.cRLSign |
        x509.KeyUsageFlags.digitalSignature,
    );
    expect(cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId).toMatch(/^[0-9a-f]{40}$/);
  });

  it('honours lifetimeDays and lifetimeMs', async () => {
    const short = await createCertificateAuthority({ commonName: 'CA', now, lifetimeMs: 600_000 });
    expect(short.notAfter).toEqual(new Date('2025-08-01T00:10:00Z'));
    const year = await createCertificateAuthority({ commonName: 'CA', now, lifetimeDays: 365 });
    expect(year.notAfter.getTime() - now.getTime()).toBe(365 * DAY_MS);
  });

  it('refuses a missing common name or now', async () => {
    await expect(
      createCertificateAuthority({ now } as Parameters<typeof createCertificateAuthority>[0]),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('commonName'),
    });
    await expect(
      createCertificateAuthority({ commonName: 'CA' } as Parameters<
        typeof createCertificateAuthority
      >[0]),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('now') });
  });
});
