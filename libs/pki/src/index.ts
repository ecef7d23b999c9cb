export { PkiError, type PkiErrorCode } from './lib/errors/PkiError.js';

export { generateKeyPair } from './lib/keys/generateKeyPair.js';
export { importPrivateKeyPem } from './lib/keys/importPrivateKeyPem.js';
export {
  MIN_RSA_MODULUS_BITS,
  SUPPORTED_CURVES,
  type KeyMaterial,
  type PublicKeyDescription,
  type SupportedCurve,
} from './lib/keys/schemas.js';

export { createCsr, type CreateCsrOptions } from './lib/csr/createCsr.js';
export { parseCsr } from './lib/csr/parseCsr.js';
export type { ParsedCsr } from './lib/csr/schemas.js';

export { parseCertificate } from './lib/certificates/parseCertificate.js';
export { certificateId } from './lib/certificates/certificateId.js';
export { certificateValidity } from './lib/certificates/certificateValidity.js';
export { certificateAge } from './lib/certificates/certificateAge.js';
export { certificateRemaining } from './lib/certificates/certificateRemaining.js';
export { isCertificateValidAt } from './lib/certificates/isCertificateValidAt.js';
export { verifyCertificateSignedBy } from './lib/certificates/verifyCertificateSignedBy.js';
export {
  createSelfSignedCertificate,
  type CreateSelfSignedCertificateOptions,
} from './lib/certificates/createSelfSignedCertificate.js';
export type {
  IssuedCertificate,
  IssuedCertificateWithKey,
  ParsedCertificate,
} from './lib/certificates/schemas.js';

export { createCertificateAuthority } from './lib/ca/createCertificateAuthority.js';
export { loadCertificateAuthority } from './lib/ca/loadCertificateAuthority.js';
export {
  AWS_DEFAULT_COMMON_NAME,
  type CertificateAuthority,
  type CreateCertificateAuthorityOptions,
  type IssueFromCsrOptions,
  type IssueKeyAndCertificateOptions,
  type IssueServerCertificateOptions,
  type LoadCertificateAuthorityOptions,
  type VerifyIssuedOptions,
} from './lib/ca/schemas.js';

export { splitPemBundle } from './lib/pem/splitPemBundle.js';
export { joinPemBundle } from './lib/pem/joinPemBundle.js';
export { pemToDer } from './lib/pem/pemToDer.js';
export { derToPem } from './lib/pem/derToPem.js';
export { PEM_LABELS, type PemBlock } from './lib/pem/schemas.js';

export {
  writeSecretFileAtomic,
  type WriteSecretFileOptions,
} from './lib/files/writeSecretFileAtomic.js';
export { readSecretFile, type ReadSecretFileOptions } from './lib/files/readSecretFile.js';
export type { SecretFileSystem } from './lib/files/schemas.js';
