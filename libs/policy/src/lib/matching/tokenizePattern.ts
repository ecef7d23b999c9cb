import type { MatchMode, PatternToken, TemplatePart } from './types.js';

const ARN_PREFIX_COLONS = 5;

function countColons(text: string, limit: number): number {
  let count = 0;
  for (let at = text.indexOf(':'); at >= 0 && count < limit; at = text.indexOf(':', at + 1)) {
    count += 1;
  }
  return count;
}

/**
 * Reads template parts into pattern tokens: policy text splits at `*` and `?`, literal parts and
 * variables pass through. In `arn` mode each wildcard records whether it lies in the resource
 * part (after the fifth colon), where it may range over colons.
 *
 * @returns the tokens, and `colonsKnown` false when a variable sits before the fifth colon (then
 *   the wildcards after it can only be placed once the variable has a value).
 */
export function tokenizePattern(
  parts: readonly TemplatePart[],
  mode: MatchMode,
): { tokens: PatternToken[]; colonsKnown: boolean } {
  const tokens: PatternToken[] = [];
  let colons = mode === 'string' ? ARN_PREFIX_COLONS : 0;
  let colonsKnown = true;
  const pushLiteral = (text: string) => {
    if (text === '') {
      return;
    }
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'literal') {
      tokens[tokens.length - 1] = { kind: 'literal', text: last.text + text };
    } else {
      tokens.push({ kind: 'literal', text });
    }
    if (colons < ARN_PREFIX_COLONS) {
      colons += countColons(text, ARN_PREFIX_COLONS - colons);
    }
  };
  for (const part of parts) {
    if (part.kind === 'variable') {
      if (colons < ARN_PREFIX_COLONS) {
        colonsKnown = false;
      }
      tokens.push(part);
      continue;
    }
    if (part.kind === 'literal') {
      pushLiteral(part.text);
      continue;
    }
    const text = part.text;
    let start = 0;
    for (let at = 0; at < text.length; at += 1) {
      const character = text[at];
      if (character === '*' || character === '?') {
        pushLiteral(text.slice(start, at));
        tokens.push({
          kind: 'wildcard',
          wildcard: character,
          crossesColons: colons >= ARN_PREFIX_COLONS,
        });
        start = at + 1;
      }
    }
    pushLiteral(text.slice(start));
  }
  return { tokens, colonsKnown };
}
