import { TopicError } from '../errors/TopicError.js';
import { describeReceived } from '../internal/describeReceived.js';
import { CERTIFICATE_ID_PATTERN } from './patterns.js';

/**
 * Checks that `value` is a valid certificate id: the 64 lowercase hex characters of a SHA-256.
 *
 * @throws {TopicError} `INVALID_CERTIFICATE_ID` naming the value received and
 *   `64 lowercase hex characters`.
 */
export function assertCertificateId(value: unknown): asserts value is string {
  if (typeof value !== 'string' || !CERTIFICATE_ID_PATTERN.test(value)) {
    throw new TopicError(
      'INVALID_CERTIFICATE_ID',
      `Unexpected certificate id ${describeReceived(value)}, expected 64 lowercase hex characters`,
    );
  }
}
