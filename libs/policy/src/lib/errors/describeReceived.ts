const MAX_SHOWN_CHARACTERS = 80;

/**
 * Renders a received value for an error message: strings quoted (JSON escapes make control
 * characters visible), long strings cut, other values by type.
 */
export function describeReceived(value: unknown): string {
  if (typeof value === 'string') {
    const characters = Array.from(value);
    if (characters.length <= MAX_SHOWN_CHARACTERS) {
      return JSON.stringify(value);
    }
    return `${JSON.stringify(`${characters.slice(0, MAX_SHOWN_CHARACTERS).join('')}…`)} (${characters.length} characters)`;
  }
  if (value === null) {
    return 'null';
  }
  if (value === undefined) {
    return 'nothing';
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? 'an empty array' : 'an array';
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  if (typeof value === 'function') {
    return 'a function';
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${typeof value} ${String(value)}`;
  }
  return typeof value === 'symbol' ? value.toString() : typeof value;
}
