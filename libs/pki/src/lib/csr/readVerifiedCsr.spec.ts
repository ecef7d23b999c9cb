import { x509, webcrypto } from '../crypto/x509.js';
import { describePublicKey } from '../keys/describePublicKey.js';
import { generateKeyPair } from '../keys/generateKeyPair.js';
import { pemToDer } from '../pem/pemToDer.js';
import { createUnsupportedCsr } from '../testing/createUnsupportedCsr.js';
import { tamperPemSignature } from '../testing/tamperPemSignature.js';
import { createCsr } from './createCsr.js';
import { parseCsr } from './parseCsr.js';
import { readVerifiedCsr } from './readVerifiedCsr.js';

/** What the full parser makes of a CSR, to compare the fast path with. */
function fullParse(der: Uint8Array) {
  const csr = new x509.Pkcs10CertificateRequest(der);
  const spki = new Uint8Array(csr.publicKey.rawData);
  return {
    der,
    subjectDer: new Uint8Array(csr.subjectName.toArrayBuffer()),
    spki,
    key: describePublicKey(spki),
  };
}

async function csrOf(
  name: x509.JsonName | x509.JsonNameParams,
  options: {
    keys?: webcrypto.CryptoKeyPair;
    hash?: string;
    extensions?: x509.Extension[];
  } = {},
): Promise<string> {
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: new x509.Name(name),
    keys: options.keys ?? (await generateKeyPair()).cryptoKeyPair,
    signingAlgorithm: { name: 'ECDSA', hash: options.hash ?? 'SHA-256' },
    ...(options.extensions === undefined ? {} : { extensions: options.extensions }),
  });
  return csr.toString('pem');
}

const rsaKeys = () =>
  webcrypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  );

describe('readVerifiedCsr', () => {
  it.each<[string, () => Promise<string>]>([
    [
      'from createCsr (EC P-256, C, O, CN)',
      async () =>
        createCsr({
          keys: await generateKeyPair(),
          commonName: 'robot-001',
          organization: 'Example',
          country: 'JP',
        }),
    ],
    [
      'on P-384',
      async () =>
        createCsr({ keys: await generateKeyPair({ namedCurve: 'P-384' }), commonName: 'r' }),
    ],
    [
      'on P-521',
      async () =>
        createCsr({ keys: await generateKeyPair({ namedCurve: 'P-521' }), commonName: 'r' }),
    ],
    ['with an RSA-2048 key', async () => csrOf([{ CN: ['robot-rsa'] }], { keys: await rsaKeys() })],
    ['with a UTF-8 subject', () => csrOf([{ O: ['Example_Co'] }, { CN: ['ロボット'] }])],
    ['with an IA5String e-mail', () => csrOf([{ E: ['robot@example.com'] }, { CN: ['robot'] }])],
    ['with a multi-valued RDN', () => csrOf([{ O: ['Example'], CN: ['robot'] }])],
    ['with an empty subject', () => csrOf([])],
  ])('reads a CSR %s as the full parser does', async (_, make) => {
    const der = pemToDer(await make());
    expect(readVerifiedCsr(der)).toEqual(fullParse(der));
  });

  it.each<[string, () => Promise<string>]>([
    [
      'a tampered signature',
      async () =>
        tamperPemSignature(await createCsr({ keys: await generateKeyPair(), commonName: 'r' })),
    ],
    ['an RSA-1024 key', () => createUnsupportedCsr()],
    ['a SHA-1 signature', () => csrOf([{ CN: ['robot'] }], { hash: 'SHA-1' })],
  ])('declines a CSR with %s, which parseCsr refuses', async (_, make) => {
    const pem = await make();
    expect(readVerifiedCsr(pemToDer(pem))).toBeUndefined();
    await expect(parseCsr(pem)).rejects.toMatchObject({ name: 'PkiError' });
  });

  it.each<[string, () => Promise<string>]>([
    [
      'an extension request',
      () =>
        csrOf([{ CN: ['robot'] }], {
          extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature)],
        }),
    ],
    [
      'a PrintableString outside its character set',
      () => csrOf([{ CN: [{ printableString: 'robot_001' }] }]),
    ],
    ['a TeletexString', () => csrOf([{ CN: ['#140572 6f626f74'.replace(' ', '')] }])],
  ])('leaves a valid CSR with %s to the full parser, which accepts it', async (_, make) => {
    const pem = await make();
    expect(readVerifiedCsr(pemToDer(pem))).toBeUndefined();
    await expect(parseCsr(pem)).resolves.toMatchObject({ publicKeyAlgorithm: 'EC' });
  });

  it('declines trailing bytes and garbage', async () => {
    const der = pemToDer(await createCsr({ keys: await generateKeyPair(), commonName: 'r' }));
    expect(readVerifiedCsr(new Uint8Array([...der, 0]))).toBeUndefined();
    expect(readVerifiedCsr(der.subarray(0, der.byteLength - 1))).toBeUndefined();
    expect(readVerifiedCsr(new Uint8Array([0x30, 0x80, 0, 0]))).toBeUndefined();
  });
});
