import { TopicError } from '../errors/TopicError.js';
import { describeReceived } from '../internal/describeReceived.js';
import { COMMAND_NAME_PATTERN } from './patterns.js';

/**
 * Checks that `value` is a valid command name: a lowercase letter then up to 31 of `[a-z0-9-]`.
 *
 * @throws {TopicError} `INVALID_COMMAND` naming the value received and `[a-z][a-z0-9-]{0,31}`.
 */
export function assertCommandName(value: unknown): asserts value is string {
  if (typeof value !== 'string' || !COMMAND_NAME_PATTERN.test(value)) {
    throw new TopicError(
      'INVALID_COMMAND',
      `Unexpected command name ${describeReceived(value)}, expected [a-z][a-z0-9-]{0,31}`,
    );
  }
}
