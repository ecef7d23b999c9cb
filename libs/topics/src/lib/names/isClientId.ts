import { clientIdProblem } from '../internal/clientIdProblem.js';

/**
 * True when `value` is a usable MQTT client id: 1 to 128 bytes of well-formed UTF-8 without NUL,
 * `#` or `+`. Never throws.
 */
export function isClientId(value: unknown): value is string {
  return typeof value === 'string' && clientIdProblem(value) === undefined;
}
