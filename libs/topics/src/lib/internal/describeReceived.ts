import { utf8ByteLength } from './utf8ByteLength.js';

const MAX_SHOWN_CODE_POINTS = 80;

/**
 * Renders a received value for an error message: strings quoted (JSON escapes make NUL and other
 * control characters visible), long strings cut with their byte length, other values by type.
 */
export function describeReceived(value: unknown): string {
  if (typeof value === 'string') {
    const codePoints = Array.from(value);
    if (codePoints.length <= MAX_SHOWN_CODE_POINTS) {
      return JSON.stringify(value);
    }
    const shown = codePoints.slice(0, MAX_SHOWN_CODE_POINTS).join('');
    return `${JSON.stringify(`${shown}…`)} (${utf8ByteLength(value)} bytes)`;
  }
  if (value === null) {
    return 'null';
  }
  if (value === undefined) {
    return 'undefined';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${typeof value} ${String(value)}`;
  }
  if (typeof value === 'symbol') {
    return value.toString();
  }
  return 'a function';
}
