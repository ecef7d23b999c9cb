import { PkiError } from '../errors/PkiError.js';
import { splitPemBundle } from './splitPemBundle.js';

/**
 * Decodes a text holding exactly one PEM block to its DER bytes.
 *
 * @param options.type - when given, the block's label must equal it (e.g. `'CERTIFICATE'`).
 * @throws {PkiError} `MALFORMED_PEM` when the text is not PEM (see `splitPemBundle`), holds more than one
 *   block, or the block's label differs from `options.type`.
 */
export function pemToDer(pem: string, options: { type?: string } = {}): Uint8Array {
  const blocks = splitPemBundle(pem);
  const [block] = blocks;
  if (block === undefined || blocks.length !== 1) {
    throw new PkiError(
      'MALFORMED_PEM',
      `Expected exactly 1 PEM block, received ${blocks.length} (${blocks.map((b) => b.type).join(', ')}); use splitPemBundle for bundles`,
    );
  }
  if (options.type !== undefined && block.type !== options.type) {
    throw new PkiError(
      'MALFORMED_PEM',
      `Expected a PEM block of type "${options.type}", received "${block.type.slice(0, 40)}"`,
    );
  }
  return new Uint8Array(Buffer.from(block.base64, 'base64'));
}
