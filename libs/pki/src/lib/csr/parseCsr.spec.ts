import { createHash } from 'node:crypto';
import { createSelfSignedCertificate } from '../certificates/createSelfSignedCertificate.js';
import { webcrypto, x509 } from '../crypto/x509.js';
import { PkiError } from '../errors/PkiError.js';
import { generateKeyPair } from '../keys/generateKeyPair.js';
import { createUnsupportedCsr } from '../testing/createUnsupportedCsr.js';
import { tamperPemSignature } from '../testing/tamperPemSignature.js';
import { createCsr } from './createCsr.js';
import { parseCsr } from './parseCsr.js';

async function rejection(pem: string): Promise<PkiError> {
  const error = await parseCsr(pem).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PkiError);
  return error as PkiError;
}

describe('parseCsr', () => {
  it('returns subject, common name, key description and DER of a valid EC CSR', async () => {
    const keys = await generateKeyPair();
    const pem = await createCsr({ keys, commonName: 'robot-001', organization: 'Example' });
    const parsed = await parseCsr(pem);
    expect(parsed).toMatchObject({
      subject: 'O=Example, CN=robot-001',
      commonName: 'robot-001',
      publicKeyAlgorithm: 'EC',
      namedCurve: 'P-256',
    });
    expect(parsed.modulusLength).toBeUndefined();
    expect(Buffer.from(parsed.der).toString('base64')).toBe(pem.split('\n').slice(1, -2).join(''));
  });

  it('accepts RSA-2048 and reports the modulus length', async () => {
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
    const parsed = await parseCsr(
      await createCsr({ keys: { cryptoKeyPair }, commonName: 'robot-rsa' }),
    );
    expect(parsed).toMatchObject({ publicKeyAlgorithm: 'RSA', modulusLength: 2048 });
  });

  it('accepts the legacy NEW CERTIFICATE REQUEST label', async () => {
    const pem = await createCsr({ keys: await generateKeyPair(), commonName: 'robot-001' });
    const legacy = pem.replace(/CERTIFICATE REQUEST/g, 'NEW CERTIFICATE REQUEST');
    await expect(parseCsr(legacy)).resolves.toMatchObject({ commonName: 'robot-001' });
  });

  it('reports no commonName for an empty subject', async () => {
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
      keys: (await generateKeyPair()).cryptoKeyPair,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    });
    const parsed = await parseCsr(csr.toString('pem'));
    expect(parsed.commonName).toBeUndefined();
    expect(parsed.subject).toBe('');
  });

  it('rejects an RSA-1024 CSR with UNSUPPORTED_KEY', async () => {
    const error = await rejection(await createUnsupportedCsr());
    expect(error.code).toBe('UNSUPPORTED_KEY');
    expect(error.message).toBe(
      'Unsupported CSR key RSA-1024, expected RSA with at least 2048 bits or EC on P-256/P-384/P-521',
    );
  });

  it('rejects a CSR signed with SHA-1 with UNSUPPORTED_ALGORITHM', async () => {
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
      name: 'CN=robot-sha1',
      keys: (await generateKeyPair()).cryptoKeyPair,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-1' },
    });
    expect((await rejection(csr.toString('pem'))).code).toBe('UNSUPPORTED_ALGORITHM');
  });

  it('rejects a tampered signature with INVALID_SIGNATURE', async () => {
    const pem = await createCsr({ keys: await generateKeyPair(), commonName: 'robot-001' });
    const error = await rejection(tamperPemSignature(pem));
    expect(error.code).toBe('INVALID_SIGNATURE');
  });

  it('rejects a CSR whose subject was altered after signing with INVALID_SIGNATURE', async () => {
    const pem = await createCsr({ keys: await generateKeyPair(), commonName: 'robot-001' });
    const der = Buffer.from(pem.split('\n').slice(1, -2).join(''), 'base64');
    const at = der.indexOf(Buffer.from('robot-001'));
    der.write('robot-666', at);
    const altered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    expect((await rejection(altered)).code).toBe('INVALID_SIGNATURE');
  });

  it('rejects a certificate given where a CSR is expected with MALFORMED_CSR', async () => {
    const { certificatePem } = await createSelfSignedCertificate({
      now: new Date('2025-01-01T00:00:00Z'),
    });
    const error = await rejection(certificatePem);
    expect(error.code).toBe('MALFORMED_CSR');
    expect(error.message).toBe(
      'Expected a PEM block of type "CERTIFICATE REQUEST", received "CERTIFICATE"',
    );
  });

  it('rejects certificate DER inside a CSR block with MALFORMED_CSR', async () => {
    const { certificatePem } = await createSelfSignedCertificate({
      now: new Date('2025-01-01T00:00:00Z'),
    });
    expect(
      (await rejection(certificatePem.replace(/CERTIFICATE/g, 'CERTIFICATE REQUEST'))).code,
    ).toBe('MALFORMED_CSR');
  });

  it.each([
    ['garbage', 'hello'],
    [
      'truncated base64',
      '-----BEGIN CERTIFICATE REQUEST-----\nMIIBAA\n-----END CERTIFICATE REQUEST-----\n',
    ],
    [
      'base64 that is not DER',
      '-----BEGIN CERTIFICATE REQUEST-----\nAAAAAAAA\n-----END CERTIFICATE REQUEST-----\n',
    ],
    ['a cut-off PEM', '-----BEGIN CERTIFICATE REQUEST-----\nMIIBAAAA\n'],
  ])('rejects %s with MALFORMED_CSR', async (_name, pem) => {
    expect((await rejection(pem)).code).toBe('MALFORMED_CSR');
  });

  it('rejects two CSRs in one text', async () => {
    const pem = await createCsr({ keys: await generateKeyPair(), commonName: 'robot-001' });
    expect((await rejection(pem + pem)).message).toMatch(/received 2/);
  });

  it('keeps the DER it was given', async () => {
    const pem = await createCsr({ keys: await generateKeyPair(), commonName: 'robot-001' });
    const parsed = await parseCsr(pem);
    const hash = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
    expect(hash(parsed.der)).toBe(
      hash(Buffer.from(pem.split('\n').slice(1, -2).join(''), 'base64')),
    );
  });
});
