import { X509Certificate } from 'node:crypto';
import { createCertificateAuthority } from '../ca/createCertificateAuthority.js';
import { loadCertificateAuthority } from '../ca/loadCertificateAuthority.js';
import { createCsr } from '../csr/createCsr.js';
import { generateKeyPair } from '../keys/generateKeyPair.js';
import { certificateId } from './certificateId.js';
import { certificateValidity } from './certificateValidity.js';
import { createSelfSignedCertificate } from './createSelfSignedCertificate.js';
import { parseCertificate } from './parseCertificate.js';

const now = new Date('2025-08-01T12:34:56Z');

describe('certificateValidity', () => {
  it.each([
    ['a year (UTCTime)', { lifetimeDays: 365 }],
    ['20 years, past 2049 (GeneralizedTime)', { lifetimeDays: 20 * 365 }],
    ['2 minutes', { lifetimeMs: 120_000 }],
  ])('agrees with parseCertificate for %s, from PEM or DER', async (_, lifetime) => {
    const { certificatePem } = await createSelfSignedCertificate({ now, ...lifetime });
    const parsed = parseCertificate(certificatePem);
    const expected = {
      certificateId: parsed.certificateId,
      notBefore: parsed.notBefore,
      notAfter: parsed.notAfter,
    };
    expect(certificateValidity(certificatePem)).toEqual(expected);
    expect(certificateValidity(new Uint8Array(new X509Certificate(certificatePem).raw))).toEqual(
      expected,
    );
  });

  it('reads a certificate the CA issued from a CSR', async () => {
    const ca = await loadCertificateAuthority(
      await createCertificateAuthority({ commonName: 'CA', now: new Date('2025-01-01T00:00:00Z') }),
    );
    const csr = await createCsr({ keys: await generateKeyPair(), commonName: 'amr-0001' });
    const issued = await ca.issueFromCsr(csr, { now, lifetimeDays: 365 });
    expect(certificateValidity(issued.certificatePem)).toEqual({
      certificateId: issued.certificateId,
      notBefore: issued.notBefore,
      notAfter: issued.notAfter,
    });
    expect(certificateId(issued.certificatePem)).toBe(issued.certificateId);
  });

  it('refuses what parseCertificate refuses, with MALFORMED_CERTIFICATE', async () => {
    const { certificatePem, privateKeyPem } = await createSelfSignedCertificate({ now });
    const der = new X509Certificate(certificatePem).raw;
    for (const input of [
      'garbage',
      privateKeyPem,
      `${certificatePem}${certificatePem}`,
      new Uint8Array([...der, 0]),
      new Uint8Array(der.subarray(0, der.length - 10)),
      new Uint8Array([1, 2, 3]),
    ]) {
      expect(() => parseCertificate(input)).toThrow(
        expect.objectContaining({ code: 'MALFORMED_CERTIFICATE' }),
      );
      expect(() => certificateValidity(input)).toThrow(
        expect.objectContaining({ code: 'MALFORMED_CERTIFICATE' }),
      );
    }
  });
});
