import { TopicError } from '../errors/TopicError.js';
import { clientIdProblem } from '../internal/clientIdProblem.js';
import { describeReceived } from '../internal/describeReceived.js';

/**
 * Checks that `value` is a usable MQTT client id: 1 to 128 bytes of well-formed UTF-8 without
 * NUL, `#` or `+`.
 *
 * @throws {TopicError} `INVALID_CLIENT_ID` naming the value received and the rule it breaks.
 */
export function assertClientId(value: unknown): asserts value is string {
  if (typeof value !== 'string') {
    throw new TopicError(
      'INVALID_CLIENT_ID',
      `Unexpected client id ${describeReceived(value)}, expected a string`,
    );
  }
  const problem = clientIdProblem(value);
  if (problem !== undefined) {
    throw new TopicError(
      'INVALID_CLIENT_ID',
      `Unexpected client id ${describeReceived(value)}, expected ${problem}`,
    );
  }
}
