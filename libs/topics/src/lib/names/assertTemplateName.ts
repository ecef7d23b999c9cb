import { TopicError } from '../errors/TopicError.js';
import { describeReceived } from '../internal/describeReceived.js';
import { TEMPLATE_NAME_PATTERN } from './patterns.js';

/**
 * Checks that `value` is a valid provisioning template name: 1 to 36 characters of
 * `[0-9A-Za-z_-]` (AWS CreateProvisioningTemplate).
 *
 * @throws {TopicError} `INVALID_TEMPLATE_NAME` naming the value received and `[0-9A-Za-z_-]{1,36}`.
 */
export function assertTemplateName(value: unknown): asserts value is string {
  if (typeof value !== 'string' || !TEMPLATE_NAME_PATTERN.test(value)) {
    throw new TopicError(
      'INVALID_TEMPLATE_NAME',
      `Unexpected provisioning template name ${describeReceived(value)}, expected [0-9A-Za-z_-]{1,36}`,
    );
  }
}
