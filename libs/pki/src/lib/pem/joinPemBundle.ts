import { derToPem } from './derToPem.js';
import type { PemBlock } from './schemas.js';
import { splitPemBundle } from './splitPemBundle.js';

/**
 * Joins PEM texts and blocks into one bundle, in order, each block re-encoded in strict RFC 7468 form
 * (64-character lines, one trailing newline). Text outside blocks is dropped.
 *
 * @throws {PkiError} `MALFORMED_PEM` when an item is not PEM or a block's label or base64 is invalid
 *   (see `splitPemBundle`).
 */
export function joinPemBundle(pems: ReadonlyArray<string | PemBlock>): string {
  // Blocks built by hand are re-read like text so that bad labels or base64 fail here, not downstream.
  const blocks = pems.flatMap((item) =>
    splitPemBundle(
      typeof item === 'string'
        ? item
        : `-----BEGIN ${item.type}-----\n${item.base64}\n-----END ${item.type}-----\n`,
    ),
  );
  return blocks.map((block) => derToPem(Buffer.from(block.base64, 'base64'), block.type)).join('');
}
