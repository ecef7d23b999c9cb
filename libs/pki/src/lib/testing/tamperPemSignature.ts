import { derToPem } from '../pem/derToPem.js';
import { splitPemBundle } from '../pem/splitPemBundle.js';

/**
 * Returns the PEM with one bit of its last octet flipped. For a CSR or a certificate the last octet
 * belongs to the signature, so the result still parses but its signature no longer verifies.
 */
export function tamperPemSignature(pem: string): string {
  const [block] = splitPemBundle(pem);
  if (block === undefined) {
    throw new Error('tamperPemSignature: expected one PEM block');
  }
  const der = Buffer.from(block.base64, 'base64');
  der[der.length - 1] = (der[der.length - 1] ?? 0) ^ 0x01;
  return derToPem(der, block.type);
}
