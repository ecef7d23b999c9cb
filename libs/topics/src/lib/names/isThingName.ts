import { THING_NAME_PATTERN } from './patterns.js';

/**
 * True when `value` is a valid thing name: 1 to 128 characters of `[a-zA-Z0-9:_-]`. Never throws.
 */
export function isThingName(value: unknown): value is string {
  return typeof value === 'string' && THING_NAME_PATTERN.test(value);
}
