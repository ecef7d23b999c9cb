import { TopicError } from '../errors/TopicError.js';
import { describeReceived } from '../internal/describeReceived.js';
import { isShadowOperation } from './isShadowOperation.js';
import { SHADOW_OPERATIONS, type ShadowOperation } from './operations.js';

/**
 * Checks that `value` is one of {@link SHADOW_OPERATIONS}.
 *
 * @throws {TopicError} `INVALID_TOPIC` naming the value received and the allowed operations.
 */
export function assertShadowOperation(value: unknown): asserts value is ShadowOperation {
  if (!isShadowOperation(value)) {
    throw new TopicError(
      'INVALID_TOPIC',
      `Unexpected shadow operation ${describeReceived(value)}, expected one of ${SHADOW_OPERATIONS.join(', ')}`,
    );
  }
}
