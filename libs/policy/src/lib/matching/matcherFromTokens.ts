import type { Matcher, PatternToken } from './types.js';

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/g;

function toRegExp(tokens: readonly PatternToken[]): RegExp {
  let source = '^';
  for (const token of tokens) {
    switch (token.kind) {
      case 'literal':
        source += token.text.replace(REGEX_SPECIAL, '\\$&');
        break;
      case 'wildcard':
        if (token.wildcard === '*') {
          source += token.crossesColons ? '[\\s\\S]*' : '[^:]*';
        } else {
          source += token.crossesColons ? '[\\s\\S]' : '[^:]';
        }
        break;
      case 'variable':
        // Never reached: variables are substituted before a matcher is built.
        return /(?!)/;
    }
  }
  return new RegExp(`${source}$`);
}

function isFreeStar(token: PatternToken | undefined): boolean {
  return token?.kind === 'wildcard' && token.wildcard === '*' && token.crossesColons;
}

/**
 * Turns variable-free pattern tokens into a case-sensitive {@link Matcher}. Plain text,
 * `prefix*`, `*suffix` and `*` get string tests; anything else one regular expression. A token
 * list holding a variable matches nothing.
 */
export function matcherFromTokens(tokens: readonly PatternToken[]): Matcher {
  const [first, second] = tokens;
  if (first === undefined) {
    return (value) => value === '';
  }
  if (tokens.length === 1) {
    if (first.kind === 'literal') {
      const expected = first.text;
      return (value) => value === expected;
    }
    if (isFreeStar(first)) {
      return () => true;
    }
  }
  if (tokens.length === 2) {
    if (first.kind === 'literal' && isFreeStar(second)) {
      const prefix = first.text;
      return (value) => value.startsWith(prefix);
    }
    if (isFreeStar(first) && second?.kind === 'literal') {
      const suffix = second.text;
      return (value) => value.endsWith(suffix);
    }
  }
  const pattern = toRegExp(tokens);
  return (value) => pattern.test(value);
}
