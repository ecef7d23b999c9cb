import { CERTIFICATE_ID_PATTERN } from './patterns.js';

/**
 * True when `value` is a valid certificate id: the 64 lowercase hex characters of a SHA-256.
 * Never throws.
 */
export function isCertificateId(value: unknown): value is string {
  return typeof value === 'string' && CERTIFICATE_ID_PATTERN.test(value);
}
