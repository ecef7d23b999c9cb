import { ProvisioningError } from '../errors/ProvisioningError.js';
import { describeValue } from './describeValue.js';

/**
 * One PEM block labelled `CERTIFICATE REQUEST` (RFC 7468 §7; `NEW CERTIFICATE REQUEST` is the
 * legacy label RFC 7468 tells parsers to accept). The body must not contain `-`, so a second block
 * cannot hide inside.
 */
const CSR_PEM =
  /^-----BEGIN (NEW )?CERTIFICATE REQUEST-----\r?\n([A-Za-z0-9+/=\s]+?)\r?\n-----END (NEW )?CERTIFICATE REQUEST-----$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Checks that `value` is a PEM-encoded PKCS #10 certificate signing request, as
 * CreateCertificateFromCsr expects in `certificateSigningRequest`. Only the PEM armour and base64
 * are checked; AWS parses the DER itself.
 *
 * @throws {ProvisioningError} `INVALID_ARGUMENT` naming what was received.
 */
export function assertCsrPem(value: unknown): asserts value is string {
  const match = typeof value === 'string' ? CSR_PEM.exec(value.trim()) : null;
  const body = match?.[2]?.replace(/\s+/g, '') ?? '';
  const labelsMatch = match !== null && match[1] === match[3];
  if (!labelsMatch || body.length === 0 || !BASE64.test(body)) {
    throw new ProvisioningError(
      'INVALID_ARGUMENT',
      `Unexpected certificate signing request: ${describeValue(value)}, expected one PEM "CERTIFICATE REQUEST" block (PKCS #10)`,
      { operation: 'CreateCertificateFromCsr' },
    );
  }
}
