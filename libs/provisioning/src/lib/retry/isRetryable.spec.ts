import { ProvisioningError } from '../errors/ProvisioningError.js';
import { isRetryable } from './isRetryable.js';

const rejected = (statusCode: number): ProvisioningError =>
  new ProvisioningError('REJECTED', 'rejected', {
    rejection: { statusCode, errorCode: 'X', errorMessage: 'x' },
  });

describe('isRetryable', () => {
  it('retries timeouts, throttling and server errors', () => {
    expect(isRetryable(new ProvisioningError('TIMEOUT', 't'))).toBe(true);
    expect(isRetryable(rejected(429))).toBe(true);
    expect(isRetryable(rejected(500))).toBe(true);
    expect(isRetryable(rejected(503))).toBe(true);
  });

  it('does not retry client errors or local failures', () => {
    expect(isRetryable(rejected(400))).toBe(false);
    expect(isRetryable(rejected(403))).toBe(false);
    expect(isRetryable(rejected(404))).toBe(false);
    for (const code of [
      'INVALID_RESPONSE',
      'INVALID_ARGUMENT',
      'DISPOSED',
      'CONNECTION',
    ] as const) {
      expect(isRetryable(new ProvisioningError(code, code))).toBe(false);
    }
    expect(isRetryable(new Error('other'))).toBe(false);
  });
});
