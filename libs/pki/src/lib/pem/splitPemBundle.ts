import { PkiError } from '../errors/PkiError.js';
import { PEM_LABEL_PATTERN, type PemBlock } from './schemas.js';

const BEGIN = /^-----BEGIN (.*)-----$/;
const END = /^-----END (.*)-----$/;
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Labels may be attacker-chosen: keep them short in messages. */
function quoteLabel(label: string): string {
  return label.length > 40 ? `"${label.slice(0, 40)}…"` : `"${label}"`;
}

/**
 * Splits text into its PEM blocks, in order.
 *
 * Text outside the blocks is ignored, as RFC 7468 allows (OpenSSL writes "Bag Attributes" there).
 * Inside a block every line must be base64; blank lines and surrounding whitespace are tolerated,
 * CRLF line ends too. RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`) are refused: encrypted legacy PEM is
 * not supported.
 *
 * @throws {PkiError} `MALFORMED_PEM` when no block is found, a BEGIN line has no matching END line, a
 *   body line is not base64, or a body's base64 is truncated (length not a multiple of 4). The message
 *   names line numbers and lengths, never the content.
 */
export function splitPemBundle(text: string): PemBlock[] {
  if (typeof text !== 'string') {
    throw new PkiError('MALFORMED_PEM', `Expected PEM text as a string, received ${typeof text}`);
  }
  const lines = text.split(/\r?\n/);
  const blocks: PemBlock[] = [];
  let open: { type: string; line: number; body: string[] } | undefined;
  for (const [index, rawLine] of lines.entries()) {
    const lineNumber = index + 1;
    const line = rawLine.trim();
    if (open === undefined) {
      const begin = BEGIN.exec(line);
      if (begin !== null) {
        const type = begin[1] ?? '';
        if (!PEM_LABEL_PATTERN.test(type)) {
          throw new PkiError(
            'MALFORMED_PEM',
            `Invalid PEM label on line ${lineNumber} (${type.length} characters), expected upper-case words such as "CERTIFICATE"`,
          );
        }
        open = { type, line: lineNumber, body: [] };
      }
      continue;
    }
    const end = END.exec(line);
    if (end !== null) {
      if (end[1] !== open.type) {
        throw new PkiError(
          'MALFORMED_PEM',
          `PEM block ${quoteLabel(open.type)} opened on line ${open.line} is closed by END ${quoteLabel(end[1] ?? '')} on line ${lineNumber}, expected END ${quoteLabel(open.type)}`,
        );
      }
      blocks.push({ type: open.type, base64: checkedBase64(open, lineNumber) });
      open = undefined;
      continue;
    }
    if (BEGIN.test(line)) {
      throw new PkiError(
        'MALFORMED_PEM',
        `PEM block ${quoteLabel(open.type)} opened on line ${open.line} has no END line before the next BEGIN on line ${lineNumber}`,
      );
    }
    if (line === '') {
      continue;
    }
    if (line.includes(':')) {
      throw new PkiError(
        'MALFORMED_PEM',
        `PEM block ${quoteLabel(open.type)} has a header on line ${lineNumber}: encrypted or RFC 1421 PEM is not supported, expected a plain base64 body`,
      );
    }
    if (!BASE64_LINE.test(line)) {
      throw new PkiError(
        'MALFORMED_PEM',
        `Line ${lineNumber} of PEM block ${quoteLabel(open.type)} has characters outside the base64 alphabet`,
      );
    }
    open.body.push(line);
  }
  if (open !== undefined) {
    throw new PkiError(
      'MALFORMED_PEM',
      `PEM block ${quoteLabel(open.type)} opened on line ${open.line} has no END line (the text may be truncated)`,
    );
  }
  if (blocks.length === 0) {
    throw new PkiError(
      'MALFORMED_PEM',
      `No PEM block found in ${text.length} characters of text, expected "-----BEGIN <LABEL>-----"`,
    );
  }
  return blocks;
}

function checkedBase64(
  block: { type: string; line: number; body: string[] },
  endLine: number,
): string {
  const base64 = block.body.join('');
  if (base64.length === 0) {
    throw new PkiError(
      'MALFORMED_PEM',
      `PEM block ${quoteLabel(block.type)} on lines ${block.line}-${endLine} is empty, expected a base64 body`,
    );
  }
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) {
    throw new PkiError(
      'MALFORMED_PEM',
      `PEM block ${quoteLabel(block.type)} on lines ${block.line}-${endLine} has truncated or invalid base64 (${base64.length} characters), expected a multiple of 4 with padding only at the end`,
    );
  }
  return base64;
}
