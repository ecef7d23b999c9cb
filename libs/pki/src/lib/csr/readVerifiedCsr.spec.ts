import { AsnConvert } from '@peculiar/asn1-schema';
import { x509, webcrypto } from '../crypto/x509.js';
import { describePublicKey } from '../keys/describePublicKey.js';
import { generateKeyPair } from '../keys/generateKeyPair.js';
import { pemToDer } from '../pem/pemToDer.js';
import { createUnsupportedCsr } from '../testing/createUnsupportedCsr.js';
import { tamperPemSignature } from '../testing/tamperPemSignature.js';
import { createCsr } from './createCsr.js';
import { parseCsr } from './parseCsr.js';
import { readVerifiedCsr } from './readVerifiedCsr.js';

const hex = (value: object) => Buffer.from(AsnConvert.serialize(value)).toString('hex');

/** What the full parser makes of a CSR, to compare the fast path with. */
function fullParse(der: Uint8Array) {
  const csr = new x509.Pkcs10CertificateRequest(der);
  const spki = new Uint8Array(csr.publicKey.rawData);
  return {
    der,
    subject: Buffer.from(csr.subjectName.toArrayBuffer()).toString('hex'),
    spki: Buffer.from(spki).toString('hex'),
    key: describePublicKey(spki),
  };
}

/** The fast path's result in the form of {@link fullParse}. */
function fastParse(der: Uint8Array) {
  const read = readVerifiedCsr(der);
  return read === undefined
    ? undefined
    : { der: read.der, subject: hex(read.subject), spki: hex(read.spki), key: read.key };
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
    expect(fastParse(der)).toEqual(fullParse(der));
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

  it('declines truncated input and garbage', async () => {
    const der = pemToDer(await createCsr({ keys: await generateKeyPair(), commonName: 'r' }));
    expect(readVerifiedCsr(der.subarray(0, der.byteLength - 1))).toBeUndefined();
    expect(readVerifiedCsr(new Uint8Array([0x30, 0x80, 0, 0]))).toBeUndefined();
    expect(readVerifiedCsr(new Uint8Array([1, 2, 3]))).toBeUndefined();
  });

  it('reads a CSR followed by trailing bytes as the full parser does', async () => {
    // Both decode with @peculiar/asn1-schema, which reads the first element and ignores the rest.
    const der = pemToDer(await createCsr({ keys: await generateKeyPair(), commonName: 'r' }));
    const padded = new Uint8Array([...der, 0]);
    expect(fastParse(padded)).toEqual(fullParse(padded));
  });
});
