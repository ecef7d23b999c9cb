/**
 * Splits a raw query string (without `?`) into decoded keys and values as SigV4 sees them: `+` is
 * a literal plus (SigV4 clients encode spaces as `%20`), repeated keys become arrays, a key without
 * `=` has the empty value. Returns `undefined` when a part is not valid percent-encoding.
 */
export function parseRawQuery(raw: string): Record<string, string | string[]> | undefined {
  const query: Record<string, string | string[]> = {};
  if (raw === '') return query;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(eq === -1 ? part : part.slice(0, eq));
      value = eq === -1 ? '' : decodeURIComponent(part.slice(eq + 1));
    } catch {
      return undefined;
    }
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}
