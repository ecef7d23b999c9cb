import type { PatternToken } from './types.js';

/**
 * Replaces the variable tokens of a pattern by literal text from `lookup` (or their default),
 * merging adjacent literal runs so the fast matchers still apply.
 *
 * @returns the tokens, or `undefined` when a variable has neither value nor default.
 */
export function substituteTokens(
  tokens: readonly PatternToken[],
  lookup: (key: string) => string | undefined,
): PatternToken[] | undefined {
  const result: PatternToken[] = [];
  for (const token of tokens) {
    let literal: string;
    if (token.kind === 'variable') {
      const value = lookup(token.key) ?? token.fallback;
      if (value === undefined) {
        return undefined;
      }
      literal = value;
    } else if (token.kind === 'literal') {
      literal = token.text;
    } else {
      result.push(token);
      continue;
    }
    const last = result[result.length - 1];
    if (last?.kind === 'literal') {
      result[result.length - 1] = { kind: 'literal', text: last.text + literal };
    } else {
      result.push({ kind: 'literal', text: literal });
    }
  }
  return result;
}
