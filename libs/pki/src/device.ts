/**
 * What a robot needs of this library, without the CA, certificate generation and @peculiar/x509
 * (and its Reflect polyfill), which cost a daemon several MiB of memory: keys, CSRs, a certificate's
 * id and validity, PEM helpers and secret files. The same functions as the main entry; import from
 * `@iot-gateway-net/pki/device`.
 */
export { PkiError, type PkiErrorCode } from './lib/errors/PkiError.js';

export { generateKeyPair } from './lib/keys/generateKeyPair.js';
export { importPrivateKeyPem } from './lib/keys/importPrivateKeyPem.js';
export type { KeyMaterial, SupportedCurve } from './lib/keys/schemas.js';

export { createCsr, type CreateCsrOptions } from './lib/csr/createCsr.js';

export { certificateId } from './lib/certificates/certificateId.js';
export { certificateValidity } from './lib/certificates/certificateValidity.js';

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
