const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A location inside a template body: object keys and array indexes from the root. */
export type JsonPath = readonly (string | number)[];

/**
 * Renders a JSON path for an error message, e.g.
 * `Resources.thing.Properties.ThingName["Fn::Join"][1]`; the root is `template`.
 */
export function formatPath(path: JsonPath): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') {
      text += `[${key}]`;
    } else if (IDENTIFIER.test(key)) {
      text += `${text === '' ? '' : '.'}${key}`;
    } else {
      text += `[${JSON.stringify(key)}]`;
    }
  }
  return text === '' ? 'template' : text;
}
