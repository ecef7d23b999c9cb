import { TopicError } from '../errors/TopicError.js';
import { describeReceived } from '../internal/describeReceived.js';
import { SHADOW_NAME_PATTERN } from './patterns.js';

/**
 * Checks that `value` is a valid shadow name: 1 to 64 characters of `[a-zA-Z0-9:_-]` (AWS named
 * shadows).
 *
 * @throws {TopicError} `INVALID_SHADOW_NAME` naming the value received and `[a-zA-Z0-9:_-]{1,64}`.
 */
export function assertShadowName(value: unknown): asserts value is string {
  if (typeof value !== 'string' || !SHADOW_NAME_PATTERN.test(value)) {
    throw new TopicError(
      'INVALID_SHADOW_NAME',
      `Unexpected shadow name ${describeReceived(value)}, expected [a-zA-Z0-9:_-]{1,64}`,
    );
  }
}
