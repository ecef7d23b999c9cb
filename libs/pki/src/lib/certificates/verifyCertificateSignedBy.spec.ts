import { createCertificateAuthority } from '../ca/createCertificateAuthority.js';
import { loadCertificateAuthority } from '../ca/loadCertificateAuthority.js';
import { tamperPemSignature } from '../testing/tamperPemSignature.js';
import { createSelfSignedCertificate } from './createSelfSignedCertificate.js';
import { verifyCertificateSignedBy } from './verifyCertificateSignedBy.js';

const now = new Date('2025-08-01T00:00:00Z');

async function fixture() {
  const caMaterial = await createCertificateAuthority({ commonName: 'CA one', now });
  const otherMaterial = await createCertificateAuthority({ commonName: 'CA one', now });
  const ca = await loadCertificateAuthority(caMaterial);
  const device = await ca.issueKeyAndCertificate({ commonName: 'robot-001', now });
  return { caMaterial, otherMaterial, device };
}

describe('verifyCertificateSignedBy', () => {
  it('is true for a certificate the CA signed', async () => {
    const { caMaterial, device } = await fixture();
    await expect(
      verifyCertificateSignedBy(device.certificatePem, caMaterial.certificatePem),
    ).resolves.toBe(true);
  });

  it('is false for another CA with the same name', async () => {
    const { otherMaterial, device } = await fixture();
    await expect(
      verifyCertificateSignedBy(device.certificatePem, otherMaterial.certificatePem),
    ).resolves.toBe(false);
  });

  it('is false for a tampered signature', async () => {
    const { caMaterial, device } = await fixture();
    await expect(
      verifyCertificateSignedBy(
        tamperPemSignature(device.certificatePem),
        caMaterial.certificatePem,
      ),
    ).resolves.toBe(false);
  });

  it('is false when the issuer name differs, true for a self-signed certificate and itself', async () => {
    const { caMaterial } = await fixture();
    const claim = await createSelfSignedCertificate({ now });
    await expect(
      verifyCertificateSignedBy(claim.certificatePem, caMaterial.certificatePem),
    ).resolves.toBe(false);
    await expect(
      verifyCertificateSignedBy(claim.certificatePem, claim.certificatePem),
    ).resolves.toBe(true);
  });

  it('ignores validity periods', async () => {
    const caMaterial = await createCertificateAuthority({ commonName: 'CA', now });
    const ca = await loadCertificateAuthority(caMaterial);
    const short = await ca.issueKeyAndCertificate({ now, lifetimeMs: 1000 });
    await expect(
      verifyCertificateSignedBy(short.certificatePem, caMaterial.certificatePem),
    ).resolves.toBe(true);
  });

  it('throws MALFORMED_CERTIFICATE for garbage on either side', async () => {
    const { caMaterial, device } = await fixture();
    await expect(
      verifyCertificateSignedBy('garbage', caMaterial.certificatePem),
    ).rejects.toMatchObject({
      code: 'MALFORMED_CERTIFICATE',
    });
    await expect(
      verifyCertificateSignedBy(device.certificatePem, device.privateKeyPem),
    ).rejects.toMatchObject({
      code: 'MALFORMED_CERTIFICATE',
    });
  });
});
