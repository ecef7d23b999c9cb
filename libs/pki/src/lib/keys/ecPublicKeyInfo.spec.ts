import { KeyObject, generateKeyPairSync } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { webcrypto } from '../crypto/x509.js';
import { ecPublicKeyInfo } from './ecPublicKeyInfo.js';
import { SUPPORTED_CURVES } from './schemas.js';

describe('ecPublicKeyInfo', () => {
  it.each(SUPPORTED_CURVES)(
    'encodes to what WebCrypto exports for a %s key',
    async (namedCurve) => {
      const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve }, true, [
        'sign',
        'verify',
      ]);
      const exported = new Uint8Array(await webcrypto.subtle.exportKey('spki', pair.publicKey));
      const info = ecPublicKeyInfo(KeyObject.from(pair.publicKey));
      expect(info).toBeDefined();
      expect(new Uint8Array(AsnConvert.serialize(info))).toEqual(exported);
    },
  );

  it('declines RSA, other curves and private keys', () => {
    expect(
      ecPublicKeyInfo(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey),
    ).toBeUndefined();
    expect(
      ecPublicKeyInfo(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey),
    ).toBeUndefined();
    expect(
      ecPublicKeyInfo(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey),
    ).toBeUndefined();
  });
});
