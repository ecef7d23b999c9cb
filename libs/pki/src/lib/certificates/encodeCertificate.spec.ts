import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, Name, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { loadCertificateAuthority } from '../ca/loadCertificateAuthority.js';
import { createCertificateAuthority } from '../ca/createCertificateAuthority.js';
import { createNativeSigner } from '../crypto/createNativeSigner.js';
import { signingAlgorithmFor } from '../crypto/signingAlgorithmFor.js';
import { subjectKeyIdentifier } from '../crypto/subjectKeyIdentifier.js';
import { webcrypto, x509 } from '../crypto/x509.js';
import { createCsr } from '../csr/createCsr.js';
import { describePublicKey } from '../keys/describePublicKey.js';
import { generateKeyPair } from '../keys/generateKeyPair.js';
import { importPrivateKeyPem } from '../keys/importPrivateKeyPem.js';
import type { KeyMaterial } from '../keys/schemas.js';
import { encodeCertificate } from './encodeCertificate.js';
import { serialNumberOf } from './serialNumberOf.js';

const DAY_MS = 86_400_000;
const caStart = new Date('2025-01-01T00:00:00Z');
const now = new Date('2025-08-01T12:00:00Z');

/** The TBSCertificate (first element of the outer SEQUENCE) of a certificate PEM, as hex. */
function tbsHex(pem: string): string {
  const tbs = AsnConvert.parse(new X509Certificate(pem).raw, Certificate).tbsCertificateRaw;
  if (tbs === undefined) throw new Error('not a certificate');
  return Buffer.from(tbs).toString('hex');
}

/**
 * What the CA issued before it encoded certificates itself: @peculiar/x509's generator with the same
 * fields and the extension classes. The TBSCertificate of every certificate the CA issues must be
 * byte for byte this one's.
 */
async function referenceTbsHex(options: {
  issued: string;
  caPem: string;
  caKeys: KeyMaterial;
  subject: x509.Name | x509.JsonName;
  purpose: 'clientAuth' | 'serverAuth';
  subjectAltNames?: x509.JsonGeneralNames;
}): Promise<string> {
  const issued = new x509.X509Certificate(options.issued);
  const ca = new x509.X509Certificate(options.caPem);
  const spki = new Uint8Array(issued.publicKey.rawData);
  const rsa = describePublicKey(spki).publicKeyAlgorithm === 'RSA';
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage[options.purpose]], false),
    new x509.SubjectKeyIdentifierExtension(subjectKeyIdentifier(spki)),
    new x509.AuthorityKeyIdentifierExtension(
      ca.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId ?? '',
    ),
    new x509.KeyUsagesExtension(
      x509.KeyUsageFlags.digitalSignature | (rsa ? x509.KeyUsageFlags.keyEncipherment : 0),
      true,
    ),
  ];
  if (options.subjectAltNames !== undefined) {
    extensions.push(new x509.SubjectAlternativeNameExtension(options.subjectAltNames, false));
  }
  const reference = await x509.X509CertificateGenerator.create({
    serialNumber: issued.serialNumber,
    subject: options.subject,
    issuer: ca.subjectName,
    notBefore: issued.notBefore,
    notAfter: issued.notAfter,
    publicKey: spki,
    signingKey: options.caKeys.cryptoKeyPair.privateKey,
    signingAlgorithm: signingAlgorithmFor(options.caKeys.cryptoKeyPair.privateKey),
    extensions,
  });
  return tbsHex(reference.toString('pem'));
}

async function ecCa(lifetimeDays = 3650) {
  const material = await createCertificateAuthority({
    commonName: 'Local CA',
    now: caStart,
    lifetimeDays,
  });
  return {
    caPem: material.certificatePem,
    caKeys: await importPrivateKeyPem(material.privateKeyPem),
    ca: await loadCertificateAuthority(material),
  };
}

async function rsaCa() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const caKeys = await importPrivateKeyPem(privateKeyPem);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'C=JP, O=Example, CN=RSA CA',
    notBefore: caStart,
    notAfter: new Date(caStart.getTime() + 3650 * DAY_MS),
    keys: caKeys.cryptoKeyPair,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5' },
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.SubjectKeyIdentifierExtension('0123456789abcdef'),
    ],
  });
  const caPem = certificate.toString('pem');
  return {
    caPem,
    caKeys,
    ca: await loadCertificateAuthority({ certificatePem: caPem, privateKeyPem }),
  };
}

async function rsaKeys(): Promise<KeyMaterial> {
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
  return { cryptoKeyPair, privateKeyPem: '', publicKeyPem: '' };
}

describe('encodeCertificate (through the CA), against @peculiar/x509', () => {
  it.each([
    ['EC P-256', () => generateKeyPair()],
    ['EC P-384', () => generateKeyPair({ namedCurve: 'P-384' })],
    ['EC P-521', () => generateKeyPair({ namedCurve: 'P-521' })],
    ['RSA-2048', rsaKeys],
  ])('issues from a %s CSR the TBSCertificate the generator wrote', async (_, keys) => {
    const { ca, caPem, caKeys } = await ecCa();
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
      name: [{ C: ['JP'] }, { O: ['Example_Co'] }, { CN: ['ロボット-001'] }],
      keys: (await keys()).cryptoKeyPair,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    });
    const issued = await ca.issueFromCsr(csr.toString('pem'), { now });
    expect(tbsHex(issued.certificatePem)).toBe(
      await referenceTbsHex({
        issued: issued.certificatePem,
        caPem,
        caKeys,
        subject: csr.subjectName,
        purpose: 'clientAuth',
      }),
    );
  });

  it('writes the CN given instead of the CSR subject as the generator did', async () => {
    const { ca, caPem, caKeys } = await ecCa();
    const csr = await createCsr({ keys: await generateKeyPair(), commonName: 'ignored' });
    for (const commonName of [
      'robot-001',
      'robot_001',
      'ロボット',
      'a "quoted" \\ name',
      '#0c0141',
    ]) {
      const issued = await ca.issueFromCsr(csr, { now, commonName });
      expect(tbsHex(issued.certificatePem)).toBe(
        await referenceTbsHex({
          issued: issued.certificatePem,
          caPem,
          caKeys,
          subject: [{ CN: [commonName] }],
          purpose: 'clientAuth',
        }),
      );
    }
  });

  it('signs with an RSA CA as the generator did, and the signature verifies', async () => {
    const { ca, caPem, caKeys } = await rsaCa();
    const issued = await ca.issueKeyAndCertificate({ now, commonName: 'robot-rsa-ca' });
    expect(tbsHex(issued.certificatePem)).toBe(
      await referenceTbsHex({
        issued: issued.certificatePem,
        caPem,
        caKeys,
        subject: [{ CN: ['robot-rsa-ca'] }],
        purpose: 'clientAuth',
      }),
    );
    expect(
      new X509Certificate(issued.certificatePem).verify(new X509Certificate(caPem).publicKey),
    ).toBe(true);
  });

  it('writes server certificates with subjectAltName as the generator did', async () => {
    const { ca, caPem, caKeys } = await ecCa();
    const issued = await ca.issueServerCertificate({
      now,
      hostnames: ['localhost', 'iot.example.com'],
      ipAddresses: ['127.0.0.1', '::1'],
    });
    expect(tbsHex(issued.certificatePem)).toBe(
      await referenceTbsHex({
        issued: issued.certificatePem,
        caPem,
        caKeys,
        subject: [{ CN: ['localhost'] }],
        purpose: 'serverAuth',
        subjectAltNames: [
          { type: 'dns', value: 'localhost' },
          { type: 'dns', value: 'iot.example.com' },
          { type: 'ip', value: '127.0.0.1' },
          { type: 'ip', value: '::1' },
        ],
      }),
    );
  });

  it('writes GeneralizedTime from 2050 on and serial numbers with a high first bit as the generator did', async () => {
    const { ca, caPem, caKeys } = await ecCa(40 * 365);
    const csr = await createCsr({ keys: await generateKeyPair(), commonName: 'robot-2050' });
    for (const serialNumber of [
      '80ff',
      '00000001',
      '7f',
      'ABCDEF0123456789abcdef0123456789abcdef01'.slice(0, 38),
    ]) {
      const issued = await ca.issueFromCsr(csr, { now, lifetimeDays: 30 * 365, serialNumber });
      const parsed = new x509.X509Certificate(issued.certificatePem);
      expect(parsed.notAfter.getUTCFullYear()).toBe(2055);
      expect(issued.serialNumber).toBe(serialNumberOf(parsed));
      expect(issued.notBefore).toEqual(parsed.notBefore);
      expect(issued.notAfter).toEqual(parsed.notAfter);
      expect(tbsHex(issued.certificatePem)).toBe(
        await referenceTbsHex({
          issued: issued.certificatePem,
          caPem,
          caKeys,
          subject: [{ CN: ['robot-2050'] }],
          purpose: 'clientAuth',
        }),
      );
    }
  });

  it('refuses a time UTCTime cannot carry', async () => {
    const keys = await generateKeyPair();
    const signer = createNativeSigner(keys.cryptoKeyPair.privateKey);
    if (signer === undefined) throw new Error('EC keys sign natively');
    expect(() =>
      encodeCertificate(
        {
          serialNumber: '01',
          issuer: new Name(),
          subject: new Name(),
          notBefore: new Date('1949-12-31T23:59:59Z'),
          notAfter: now,
          spki: new SubjectPublicKeyInfo(),
          extensions: [],
        },
        signer,
      ),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
