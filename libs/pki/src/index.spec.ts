import * as pki from './index.js';
import * as testing from './testing.js';

describe('public entries', () => {
  it('the main entry exports the documented API and no test helpers', () => {
    expect(Object.keys(pki).sort()).toEqual(
      [
        'AWS_DEFAULT_COMMON_NAME',
        'MIN_RSA_MODULUS_BITS',
        'PEM_LABELS',
        'PkiError',
        'SUPPORTED_CURVES',
        'certificateAge',
        'certificateId',
        'certificateRemaining',
        'certificateValidity',
        'createCertificateAuthority',
        'createCsr',
        'createSelfSignedCertificate',
        'derToPem',
        'generateKeyPair',
        'importPrivateKeyPem',
        'isCertificateValidAt',
        'joinPemBundle',
        'loadCertificateAuthority',
        'parseCertificate',
        'parseCsr',
        'pemToDer',
        'readSecretFile',
        'splitPemBundle',
        'verifyCertificateSignedBy',
        'writeSecretFileAtomic',
      ].sort(),
    );
  });

  it('the testing entry exports the fixtures', () => {
    expect(Object.keys(testing).sort()).toEqual([
      'createTestPki',
      'createUnsupportedCsr',
      'tamperPemSignature',
    ]);
  });
});
