import { matcherFromTokens } from './matcherFromTokens.js';
import { tokenizePattern } from './tokenizePattern.js';
import type { Matcher, MatchMode, PatternSegment } from './types.js';

/**
 * Compiles a pattern into a {@link Matcher}, case-sensitive. In `arn` mode `*` and `?` stay
 * within one of the first five colon-separated parts (IAM User Guide, "IAM JSON policy elements:
 * Resource" and the ARN condition operators) and range freely over the resource part, where AWS
 * IoT client ids and topics may themselves hold colons. Segments without `wildcards` match
 * literally.
 */
export function compilePattern(segments: readonly PatternSegment[], mode: MatchMode): Matcher {
  const { tokens } = tokenizePattern(
    segments.map((segment) =>
      segment.wildcards
        ? { kind: 'text' as const, text: segment.text }
        : { kind: 'literal' as const, text: segment.text },
    ),
    mode,
  );
  return matcherFromTokens(tokens);
}
