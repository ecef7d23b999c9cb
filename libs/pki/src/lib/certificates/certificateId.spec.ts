import { X509Certificate, createHash } from 'node:crypto';
import { createSelfSignedCertificate } from './createSelfSignedCertificate.js';
import { certificateId } from './certificateId.js';

const now = new Date('2025-08-01T00:00:00Z');

/** What `openssl x509 -outform der | sha256sum` computes: SHA-256 over the DER. */
function opensslStyleId(pem: string): string {
  const der = new X509Certificate(pem).raw;
  return createHash('sha256').update(der).digest('hex');
}

describe('certificateId', () => {
  it('is the lowercase hex SHA-256 of the DER, from PEM or DER', async () => {
    const { certificatePem, certificateId: issuedId } = await createSelfSignedCertificate({ now });
    const id = certificateId(certificatePem);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id).toBe(opensslStyleId(certificatePem));
    expect(certificateId(new Uint8Array(new X509Certificate(certificatePem).raw))).toBe(id);
    expect(issuedId).toBe(id);
    expect(new X509Certificate(certificatePem).fingerprint256.replace(/:/g, '').toLowerCase()).toBe(
      id,
    );
  });

  it('does not depend on PEM formatting', async () => {
    const { certificatePem } = await createSelfSignedCertificate({ now });
    const reformatted = `junk before\r\n${certificatePem.replace(/\n/g, '\r\n')}`;
    expect(certificateId(reformatted)).toBe(certificateId(certificatePem));
  });

  it('differs between certificates', async () => {
    const [a, b] = await Promise.all([
      createSelfSignedCertificate({ now }),
      createSelfSignedCertificate({ now }),
    ]);
    expect(certificateId(a.certificatePem)).not.toBe(certificateId(b.certificatePem));
  });

  it('refuses garbage, other PEM types and DER with trailing bytes', async () => {
    const { certificatePem, privateKeyPem } = await createSelfSignedCertificate({ now });
    const der = new X509Certificate(certificatePem).raw;
    expect(() => certificateId('garbage')).toThrow(
      expect.objectContaining({ code: 'MALFORMED_CERTIFICATE' }),
    );
    expect(() => certificateId(privateKeyPem)).toThrow(
      expect.objectContaining({
        code: 'MALFORMED_CERTIFICATE',
        message: 'Expected a PEM block of type "CERTIFICATE", received "PRIVATE KEY"',
      }),
    );
    expect(() => certificateId(new Uint8Array([...der, 0]))).toThrow(
      expect.objectContaining({ code: 'MALFORMED_CERTIFICATE' }),
    );
    expect(() => certificateId(new Uint8Array([1, 2, 3]))).toThrow(
      expect.objectContaining({ code: 'MALFORMED_CERTIFICATE' }),
    );
  });
});
