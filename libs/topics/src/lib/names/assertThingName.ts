import { TopicError } from '../errors/TopicError.js';
import { describeReceived } from '../internal/describeReceived.js';
import { THING_NAME_PATTERN } from './patterns.js';

/**
 * Checks that `value` is a valid thing name: 1 to 128 characters of `[a-zA-Z0-9:_-]`.
 *
 * @throws {TopicError} `INVALID_THING_NAME` naming the value received and `[a-zA-Z0-9:_-]{1,128}`.
 */
export function assertThingName(value: unknown): asserts value is string {
  if (typeof value !== 'string' || !THING_NAME_PATTERN.test(value)) {
    throw new TopicError(
      'INVALID_THING_NAME',
      `Unexpected thing name ${describeReceived(value)}, expected [a-zA-Z0-9:_-]{1,128}`,
    );
  }
}
