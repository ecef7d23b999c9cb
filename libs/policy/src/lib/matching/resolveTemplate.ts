import type { PatternSegment, PolicyTemplate } from './types.js';

/**
 * Substitutes the policy variables of `template` with `lookup`. Substituted values always match
 * literally, so a client id of `+` or `*` cannot widen a pattern.
 *
 * @returns the pattern segments, or `undefined` when a variable has no value and no default: the
 *   IAM User Guide ("IAM policy elements: Variables and tags") says such a variable can make the
 *   statement invalid, and AWS IoT leaves the `${...}` text in place so that authorization fails.
 */
export function resolveTemplate(
  template: PolicyTemplate,
  lookup: (key: string) => string | undefined,
): PatternSegment[] | undefined {
  const segments: PatternSegment[] = [];
  for (const part of template.parts) {
    switch (part.kind) {
      case 'text':
        segments.push({ text: part.text, wildcards: true });
        break;
      case 'literal':
        segments.push({ text: part.text, wildcards: false });
        break;
      case 'variable': {
        const value = lookup(part.key) ?? part.fallback;
        if (value === undefined) {
          return undefined;
        }
        segments.push({ text: value, wildcards: false });
        break;
      }
    }
  }
  return segments;
}
