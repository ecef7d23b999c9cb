import { createPrivateKey, createPublicKey, webcrypto, type KeyObject } from 'node:crypto';
import { PkiError } from '../errors/PkiError.js';
import { derToPem } from '../pem/derToPem.js';
import { PEM_LABELS } from '../pem/schemas.js';
import { splitPemBundle } from '../pem/splitPemBundle.js';
import { assertAwsSupportedKey } from './assertAwsSupportedKey.js';
import { describePublicKey } from './describePublicKey.js';
import type { KeyMaterial } from './schemas.js';

const DER_TYPE_BY_LABEL: Readonly<Record<string, 'pkcs8' | 'sec1' | 'pkcs1'>> = {
  [PEM_LABELS.privateKey]: 'pkcs8',
  [PEM_LABELS.ecPrivateKey]: 'sec1',
  [PEM_LABELS.rsaPrivateKey]: 'pkcs1',
};

const EXPECTED_LABELS = `"${PEM_LABELS.privateKey}" (PKCS#8), "${PEM_LABELS.ecPrivateKey}" (SEC 1) or "${PEM_LABELS.rsaPrivateKey}" (PKCS#1)`;

/**
 * Imports an unencrypted private key PEM into WebCrypto, with its public half.
 *
 * Accepts PKCS#8 (`PRIVATE KEY`), SEC 1 (`EC PRIVATE KEY`, what `openssl ecparam -genkey` writes) and
 * PKCS#1 (`RSA PRIVATE KEY`) for the keys AWS IoT accepts: EC on P-256, P-384 or P-521 (signing with
 * ECDSA and SHA-256, SHA-384 or SHA-512 to match the curve) and RSA of 2048 bits or more (signing with
 * RSASSA-PKCS1-v1_5 and SHA-256). The returned `privateKeyPem` is always PKCS#8; the private
 * `CryptoKey` is not extractable.
 *
 * @throws {PkiError} `MALFORMED_KEY` when the text is not one private key PEM block or its DER does not
 *   parse; `UNSUPPORTED_KEY` for encrypted keys and for keys AWS IoT refuses (RSA below 2048 bits,
 *   other curves, Ed25519, DSA, RSA-PSS).
 */
export async function importPrivateKeyPem(pem: string): Promise<KeyMaterial> {
  const keyObject = readPrivateKey(pem);
  const description = describePublicKey(keyObject);
  assertAwsSupportedKey(description, 'private');
  const pkcs8 = keyObject.export({ format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(keyObject).export({ format: 'der', type: 'spki' });
  const algorithm =
    description.publicKeyAlgorithm === 'EC'
      ? { name: 'ECDSA', namedCurve: description.namedCurve ?? 'P-256' }
      : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const [privateKey, publicKey] = await Promise.all([
    webcrypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']),
    webcrypto.subtle.importKey('spki', spki, algorithm, true, ['verify']),
  ]);
  return {
    privateKeyPem: derToPem(pkcs8, PEM_LABELS.privateKey),
    publicKeyPem: derToPem(spki, PEM_LABELS.publicKey),
    cryptoKeyPair: { privateKey, publicKey },
  };
}

function readPrivateKey(pem: string): KeyObject {
  let blocks;
  try {
    blocks = splitPemBundle(pem);
  } catch (error) {
    throw new PkiError('MALFORMED_KEY', `Expected a private key PEM: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const [block] = blocks;
  if (block === undefined || blocks.length !== 1) {
    throw new PkiError(
      'MALFORMED_KEY',
      `Expected exactly 1 private key PEM block, received ${blocks.length} (${blocks.map((b) => b.type).join(', ')})`,
    );
  }
  if (block.type === PEM_LABELS.encryptedPrivateKey) {
    throw new PkiError(
      'UNSUPPORTED_KEY',
      `Encrypted private keys are not supported, expected ${EXPECTED_LABELS} without a passphrase`,
    );
  }
  const type = DER_TYPE_BY_LABEL[block.type];
  if (type === undefined) {
    throw new PkiError(
      'MALFORMED_KEY',
      `Expected a PEM block of type ${EXPECTED_LABELS}, received "${block.type.slice(0, 40)}"`,
    );
  }
  const der = Buffer.from(block.base64, 'base64');
  try {
    return createPrivateKey({ key: der, format: 'der', type });
  } catch (error) {
    throw new PkiError(
      'MALFORMED_KEY',
      `Could not parse the "${block.type}" block (${der.byteLength} bytes of DER) as a ${type.toUpperCase()} private key`,
      { cause: error },
    );
  }
}
