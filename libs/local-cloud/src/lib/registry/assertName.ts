import { LocalCloudError } from '../errors/LocalCloudError.js';
import type { NameRule } from './patterns.js';

/**
 * Checks `value` against an AWS name rule.
 *
 * @throws {LocalCloudError} `INVALID_REQUEST`, e.g. `Unexpected thing name "a/b", expected [a-zA-Z0-9:_-]{1,128}`.
 */
export function assertName(rule: NameRule, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !rule.pattern.test(value)) {
    throw new LocalCloudError(
      'INVALID_REQUEST',
      `Unexpected ${rule.label} ${JSON.stringify(value)}, expected ${rule.expected}`,
    );
  }
}
