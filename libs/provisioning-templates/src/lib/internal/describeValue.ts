const MAX_SHOWN_CHARACTERS = 60;

/**
 * Renders a received value for an error message: strings quoted and cut, arrays and objects by
 * kind, other values by type and value.
 */
export function describeValue(value: unknown): string {
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
    return value.length === 0 ? 'an empty array' : `an array of ${value.length}`;
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return `${typeof value} ${String(value)}`;
  }
  return typeof value;
}
