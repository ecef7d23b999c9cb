import { generateKeyPairSync } from 'node:crypto';
import { x509 } from './x509.js';
import { subjectKeyIdentifier } from './subjectKeyIdentifier.js';

describe('subjectKeyIdentifier', () => {
  it.each([
    ['EC P-256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey],
    [
      'RSA-2048 (long-form lengths)',
      () => generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey,
    ],
  ])('matches @peculiar/x509 for %s', async (_name, make) => {
    const spki = new Uint8Array(make().export({ type: 'spki', format: 'der' }));
    const expected = (await x509.SubjectKeyIdentifierExtension.create(new x509.PublicKey(spki)))
      .keyId;
    expect(subjectKeyIdentifier(spki)).toBe(expected);
  });

  it('refuses bytes that are not an SPKI', () => {
    expect(() => subjectKeyIdentifier(new Uint8Array([0x02, 0x01, 0x00]))).toThrow(
      expect.objectContaining({ code: 'MALFORMED_KEY' }),
    );
    expect(() => subjectKeyIdentifier(new Uint8Array([0x30, 0x82, 0xff, 0xff]))).toThrow(
      expect.objectContaining({ code: 'MALFORMED_KEY' }),
    );
  });
});
