import { PkiError } from '../errors/PkiError.js';
import { PEM_LABEL_PATTERN } from './schemas.js';

/**
 * Encodes DER bytes as one PEM block: 64-character base64 lines and a trailing newline
 * (RFC 7468 strict form, what `openssl ... -outform PEM` writes).
 *
 * @param label - e.g. `'CERTIFICATE'`; see `PEM_LABELS`.
 * @throws {PkiError} `INVALID_ARGUMENT` when the DER is empty or the label is not an RFC 7468 label.
 */
export function derToPem(der: Uint8Array, label: string): string {
  if (!(der instanceof Uint8Array) || der.byteLength === 0) {
    throw new PkiError(
      'INVALID_ARGUMENT',
      'Expected non-empty DER bytes (a Uint8Array), received none',
    );
  }
  if (typeof label !== 'string' || !PEM_LABEL_PATTERN.test(label)) {
    throw new PkiError(
      'INVALID_ARGUMENT',
      `Invalid PEM label "${String(label).slice(0, 40)}", expected upper-case words such as "CERTIFICATE"`,
    );
  }
  const base64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
