/** A test of one string against a compiled pattern. */
export type Matcher = (value: string) => boolean;

/**
 * A run of pattern text. `wildcards` is true for text written in the policy, where `*` and `?`
 * are wildcards; false for text that came from a policy variable or from `${*}`, `${?}`, `${$}`,
 * which always matches literally.
 */
export interface PatternSegment {
  readonly text: string;
  readonly wildcards: boolean;
}

/** One part of a policy string read by `parsePolicyTemplate`. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'literal'; readonly text: string }
  | {
      readonly kind: 'variable';
      /** The variable's key, normalised for lookup. */
      readonly key: string;
      /** The default given as `${key, 'default'}`, if any. */
      readonly fallback: string | undefined;
    };

/** A policy string with its policy variables located. */
export interface PolicyTemplate {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  readonly hasVariables: boolean;
}

/** How `*` and `?` behave in a pattern. */
export type MatchMode =
  /** Anywhere in the string (StringLike). */
  | 'string'
  /** Within one of the first five colon-separated ARN parts; anywhere in the resource part. */
  | 'arn';

/** A pattern read into literal runs, wildcards and (before binding) policy variables. */
export type PatternToken =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'wildcard'; readonly wildcard: '*' | '?'; readonly crossesColons: boolean }
  | { readonly kind: 'variable'; readonly key: string; readonly fallback: string | undefined };
