import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { id_ecPublicKey } from '@peculiar/asn1-ecc';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { NAMED_CURVES } from './constants.js';
import { describePublicKey } from './describePublicKey.js';
import { readSpki } from './readSpki.js';

const derOf = (key: ReturnType<typeof generateKeyPairSync>['publicKey']) =>
  new Uint8Array(key.export({ type: 'spki', format: 'der' }));
const spkiOf = (key: ReturnType<typeof generateKeyPairSync>['publicKey']) =>
  AsnConvert.parse(derOf(key), SubjectPublicKeyInfo);

describe('readSpki', () => {
  it.each([
    ['EC P-256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' })],
    ['EC P-384', () => generateKeyPairSync('ec', { namedCurve: 'P-384' })],
    ['EC P-521', () => generateKeyPairSync('ec', { namedCurve: 'P-521' })],
    ['RSA-2048', () => generateKeyPairSync('rsa', { modulusLength: 2048 })],
    ['RSA-3072', () => generateKeyPairSync('rsa', { modulusLength: 3072 })],
    ['RSA-1024', () => generateKeyPairSync('rsa', { modulusLength: 1024 })],
    [
      'RSA-2047, exponent 3',
      () => generateKeyPairSync('rsa', { modulusLength: 2047, publicExponent: 3 }),
    ],
  ])('describes a %s key as describePublicKey does, with a JWK of the same key', (_, make) => {
    const der = derOf(make().publicKey);
    const read = readSpki(AsnConvert.parse(der, SubjectPublicKeyInfo));
    expect(read?.description).toEqual(describePublicKey(der));
    const imported = createPublicKey({ key: read?.jwk ?? {}, format: 'jwk' });
    expect(new Uint8Array(imported.export({ type: 'spki', format: 'der' }))).toEqual(der);
  });

  it.each([
    ['Ed25519', () => spkiOf(generateKeyPairSync('ed25519').publicKey)],
    ['secp256k1', () => spkiOf(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey)],
    ['RSA-PSS', () => spkiOf(generateKeyPairSync('rsa-pss', { modulusLength: 2048 }).publicKey)],
    [
      'a compressed EC point',
      () => {
        const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
          format: 'jwk',
        });
        return new SubjectPublicKeyInfo({
          algorithm: new AlgorithmIdentifier({
            algorithm: id_ecPublicKey,
            parameters: NAMED_CURVES[0]?.parameters.slice().buffer ?? null,
          }),
          subjectPublicKey: new Uint8Array([0x02, ...Buffer.from(jwk.x ?? '', 'base64url')]).buffer,
        });
      },
    ],
    [
      'an RSA key that is not an RSAPublicKey',
      () => {
        const spki = spkiOf(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey);
        spki.subjectPublicKey = new Uint8Array([1, 2, 3]).buffer;
        return spki;
      },
    ],
  ])('declines %s', (_, spki) => {
    expect(readSpki(spki())).toBeUndefined();
  });
});
