/**
 * Parses JSON text, or returns `undefined` when it is not JSON: a stored document that does not
 * parse simply differs from the wanted one.
 */
export function parseJsonText(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
