/**
 * Certificate fixtures for tests of other libraries. Not for production code: import from
 * `@iot-gateway-net/pki/testing`.
 */
export {
  createTestPki,
  type TestDeviceCertificate,
  type TestPki,
} from './lib/testing/createTestPki.js';
export { createUnsupportedCsr } from './lib/testing/createUnsupportedCsr.js';
export { tamperPemSignature } from './lib/testing/tamperPemSignature.js';
