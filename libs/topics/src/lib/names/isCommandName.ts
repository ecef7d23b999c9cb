import { COMMAND_NAME_PATTERN } from './patterns.js';

/**
 * True when `value` is a valid command name: a lowercase letter then up to 31 of `[a-z0-9-]`.
 * Never throws.
 */
export function isCommandName(value: unknown): value is string {
  return typeof value === 'string' && COMMAND_NAME_PATTERN.test(value);
}
