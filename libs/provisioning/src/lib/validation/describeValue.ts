/** A PEM armour line carries no key material, so it is safe to quote. */
const PEM_ARMOUR_LINE = /^-----[A-Z0-9 ]{1,60}-----$/;

/**
 * Describes a received value for an error message without revealing it: only a PEM armour line
 * (e.g. `-----BEGIN PRIVATE KEY-----`) is quoted; other strings show their length, other values
 * their type. Callers may hand us secrets by mistake, so nothing else is echoed.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    if (value.trim().length === 0) {
      return value.length === 0 ? 'an empty string' : 'a blank string';
    }
    const firstLine = value.trim().split(/\r?\n/, 1)[0] ?? '';
    return PEM_ARMOUR_LINE.test(firstLine)
      ? `a string starting with "${firstLine}"`
      : `a string of ${value.length} characters`;
  }
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  return `a value of type ${typeof value}`;
}
