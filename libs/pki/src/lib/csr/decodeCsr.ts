import { AsnConvert } from '@peculiar/asn1-schema';
import { Name, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { SUPPORTED_SIGNATURE_ALGORITHMS } from '../crypto/schemas.js';
import { x509 } from '../crypto/x509.js';
import { PkiError } from '../errors/PkiError.js';
import { assertAwsSupportedKey } from '../keys/assertAwsSupportedKey.js';
import { describePublicKey } from '../keys/describePublicKey.js';
import { PEM_LABELS } from '../pem/schemas.js';
import { splitPemBundle } from '../pem/splitPemBundle.js';
import { readVerifiedCsr } from './readVerifiedCsr.js';
import type { DecodedCsr } from './schemas.js';

const CSR_LABELS: ReadonlySet<string> = new Set([
  PEM_LABELS.certificateRequest,
  PEM_LABELS.legacyCertificateRequest,
]);

/**
 * Reads and checks a CSR PEM (see `parseCsr` for the rules). Common requests take the fast path of
 * `readVerifiedCsr`; anything it is not sure of goes through @peculiar/x509, which gives the
 * precise error.
 */
export async function decodeCsr(pem: string): Promise<DecodedCsr> {
  const der = csrDer(pem);
  const fast = readVerifiedCsr(der);
  if (fast !== undefined) {
    return fast;
  }
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(der);
  } catch (error) {
    throw new PkiError(
      'MALFORMED_CSR',
      `Could not parse ${der.byteLength} bytes of DER as a PKCS#10 certificate request`,
      { cause: error },
    );
  }
  const key = describePublicKey(new Uint8Array(csr.publicKey.rawData));
  assertAwsSupportedKey(key, 'CSR');
  // The library types WebCrypto's Algorithm from DOM typings that Node's types do not declare.
  const algorithm = csr.signatureAlgorithm as unknown as {
    name?: string;
    hash?: { name?: string };
  };
  const signatureAlgorithm = `${algorithm.name ?? 'unknown'}/${algorithm.hash?.name ?? 'none'}`;
  if (!SUPPORTED_SIGNATURE_ALGORITHMS.has(signatureAlgorithm)) {
    throw new PkiError(
      'UNSUPPORTED_ALGORITHM',
      `Unsupported CSR signature algorithm ${signatureAlgorithm}, expected one of ${[...SUPPORTED_SIGNATURE_ALGORITHMS].join(', ')}`,
    );
  }
  let valid = false;
  try {
    valid = await csr.verify();
  } catch (error) {
    throw new PkiError('INVALID_SIGNATURE', 'The CSR signature could not be checked', {
      cause: error,
    });
  }
  if (!valid) {
    throw new PkiError(
      'INVALID_SIGNATURE',
      'The CSR signature does not verify with the public key it carries, expected a CSR signed by its own key',
    );
  }
  return {
    der,
    // The subject as @peculiar/x509 writes it back, which is what certificates used to carry.
    subject: AsnConvert.parse(csr.subjectName.toArrayBuffer(), Name),
    spki: AsnConvert.parse(csr.publicKey.rawData, SubjectPublicKeyInfo),
    key,
  };
}

function csrDer(pem: string): Uint8Array {
  let blocks;
  try {
    blocks = splitPemBundle(pem);
  } catch (error) {
    throw new PkiError('MALFORMED_CSR', `Expected a CSR PEM: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const [block] = blocks;
  if (block === undefined || blocks.length !== 1) {
    throw new PkiError(
      'MALFORMED_CSR',
      `Expected exactly 1 "${PEM_LABELS.certificateRequest}" PEM block, received ${blocks.length} (${blocks.map((b) => b.type).join(', ')})`,
    );
  }
  if (!CSR_LABELS.has(block.type)) {
    throw new PkiError(
      'MALFORMED_CSR',
      `Expected a PEM block of type "${PEM_LABELS.certificateRequest}", received "${block.type.slice(0, 40)}"`,
    );
  }
  return new Uint8Array(Buffer.from(block.base64, 'base64'));
}
