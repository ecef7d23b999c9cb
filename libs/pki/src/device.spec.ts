// The device entry must not load @peculiar/x509 or its Reflect polyfill (several MiB of a robot's
// daemon memory): loading either fails this file.
jest.mock('@peculiar/x509', () => {
  throw new Error('@peculiar/x509 was loaded by the device entry');
});
jest.mock('reflect-metadata', () => {
  throw new Error('reflect-metadata was loaded by the device entry');
});

import { KeyObject } from 'node:crypto';
import { encodeCertificate } from './lib/certificates/encodeCertificate.js';
import { plainAsnNameOf } from './lib/certificates/plainAsnNameOf.js';
import { createNativeSigner } from './lib/crypto/createNativeSigner.js';
import { ecPublicKeyInfo } from './lib/keys/ecPublicKeyInfo.js';
import * as device from './device.js';

const now = new Date('2025-08-01T00:00:00Z');

describe('device entry', () => {
  it('exports what a robot needs, and nothing of the CA', () => {
    expect(Object.keys(device).sort()).toEqual(
      [
        'PEM_LABELS',
        'PkiError',
        'certificateId',
        'certificateValidity',
        'createCsr',
        'derToPem',
        'generateKeyPair',
        'importPrivateKeyPem',
        'joinPemBundle',
        'pemToDer',
        'readSecretFile',
        'splitPemBundle',
        'writeSecretFileAtomic',
      ].sort(),
    );
  });

  it('makes a key and a CSR, and re-imports the key, without @peculiar/x509', async () => {
    const keys = await device.generateKeyPair();
    const csr = await device.createCsr({ keys, commonName: 'amr-0001', organization: 'Example' });
    expect(csr).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
    const imported = await device.importPrivateKeyPem(keys.privateKeyPem);
    expect(imported.publicKeyPem).toBe(keys.publicKeyPem);
  });

  it('reads a certificate id and validity without @peculiar/x509', async () => {
    const keys = await device.generateKeyPair();
    const name = plainAsnNameOf([{ CN: ['amr-0001'] }]);
    const spki = ecPublicKeyInfo(KeyObject.from(keys.cryptoKeyPair.publicKey));
    const signer = createNativeSigner(keys.cryptoKeyPair.privateKey);
    if (name === undefined || spki === undefined || signer === undefined)
      throw new Error('fixture');
    const { der } = encodeCertificate(
      {
        serialNumber: '01',
        issuer: name,
        subject: name,
        notBefore: now,
        notAfter: new Date('2055-08-01T00:00:00Z'),
        spki,
        extensions: [],
      },
      signer,
    );
    const pem = device.derToPem(der, device.PEM_LABELS.certificate);
    expect(device.certificateValidity(pem)).toEqual({
      certificateId: device.certificateId(der),
      notBefore: now,
      notAfter: new Date('2055-08-01T00:00:00Z'),
    });
  });
});
