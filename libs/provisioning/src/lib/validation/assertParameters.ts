import { ProvisioningError } from '../errors/ProvisioningError.js';
import { describeValue } from './describeValue.js';

/**
 * Checks RegisterThing `parameters`: absent, or a plain object mapping strings to strings
 * (AWS IoT Developer Guide, "Device provisioning MQTT API", RegisterThing request payload).
 *
 * @throws {ProvisioningError} `INVALID_ARGUMENT` naming the offending key, never its value.
 */
export function assertParameters(
  value: unknown,
): asserts value is Readonly<Record<string, string>> | undefined {
  if (value === undefined) {
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProvisioningError(
      'INVALID_ARGUMENT',
      `Unexpected RegisterThing parameters: ${describeValue(value)}, expected an object of string values`,
      { operation: 'RegisterThing' },
    );
  }
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') {
      throw new ProvisioningError(
        'INVALID_ARGUMENT',
        `Unexpected RegisterThing parameter ${JSON.stringify(key)}: ${describeValue(entry)}, expected a string`,
        { operation: 'RegisterThing' },
      );
    }
  }
}
