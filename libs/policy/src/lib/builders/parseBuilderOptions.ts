import type { z } from 'zod';
import { PolicyError } from '../errors/PolicyError.js';
import { formatIssues } from '../errors/formatIssues.js';

/**
 * Checks a builder's options against its schema.
 *
 * @throws {PolicyError} `INVALID_ARGUMENT` naming the builder, the wrong option, what was expected
 *   and what was received (the zod error is the cause).
 */
export function parseBuilderOptions<Schema extends z.ZodType>(
  schema: Schema,
  options: unknown,
  builder: string,
): z.output<Schema> {
  const result = schema.safeParse(options);
  if (!result.success) {
    throw new PolicyError(
      'INVALID_ARGUMENT',
      `Invalid ${builder} options: ${formatIssues(result.error.issues, options, 'options')}`,
      { cause: result.error },
    );
  }
  return result.data;
}
