import { KeyObject, generateKeyPairSync } from 'node:crypto';
import { webcrypto } from '../crypto/x509.js';
import { encodeEcSpki } from './encodeEcSpki.js';
import { SUPPORTED_CURVES } from './schemas.js';

describe('encodeEcSpki', () => {
  it.each(SUPPORTED_CURVES)('writes what WebCrypto exports for a %s key', async (namedCurve) => {
    const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve }, true, [
      'sign',
      'verify',
    ]);
    const exported = new Uint8Array(await webcrypto.subtle.exportKey('spki', pair.publicKey));
    expect(encodeEcSpki(KeyObject.from(pair.publicKey))).toEqual(exported);
  });

  it('declines RSA, other curves and private keys', () => {
    expect(
      encodeEcSpki(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey),
    ).toBeUndefined();
    expect(
      encodeEcSpki(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey),
    ).toBeUndefined();
    expect(
      encodeEcSpki(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey),
    ).toBeUndefined();
  });
});
