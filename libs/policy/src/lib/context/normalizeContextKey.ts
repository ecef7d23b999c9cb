/**
 * Lower-cases a context key for lookup, except inside `[...]` (thing attribute names keep their
 * case). IAM User Guide: "Key names are case-insensitive".
 */
export function normalizeContextKey(key: string): string {
  const bracket = key.indexOf('[');
  return bracket < 0 ? key.toLowerCase() : key.slice(0, bracket).toLowerCase() + key.slice(bracket);
}
