import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { DER_TAGS, OIDS } from '../der/constants.js';
import { encodeDer } from '../der/encodeDer.js';
import { describePublicKey } from './describePublicKey.js';
import { readSpki } from './readSpki.js';

const spkiOf = (key: ReturnType<typeof generateKeyPairSync>['publicKey']) =>
  new Uint8Array(key.export({ type: 'spki', format: 'der' }));

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
    const spki = spkiOf(make().publicKey);
    const read = readSpki(spki);
    expect(read?.description).toEqual(describePublicKey(spki));
    const imported = createPublicKey({ key: read?.jwk ?? {}, format: 'jwk' });
    expect(new Uint8Array(imported.export({ type: 'spki', format: 'der' }))).toEqual(spki);
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
        const x = Buffer.from(jwk.x ?? '', 'base64url');
        return encodeDer(
          DER_TAGS.sequence,
          encodeDer(DER_TAGS.sequence, OIDS.ecPublicKey, OIDS.p256),
          encodeDer(DER_TAGS.bitString, new Uint8Array([0, 0x02]), x),
        );
      },
    ],
    [
      'trailing bytes',
      () =>
        new Uint8Array([
          ...spkiOf(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey),
          0,
        ]),
    ],
    ['garbage', () => new Uint8Array([1, 2, 3])],
  ])('declines %s', (_, spki) => {
    expect(readSpki(spki())).toBeUndefined();
  });
});
