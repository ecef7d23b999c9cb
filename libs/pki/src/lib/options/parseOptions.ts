import { z } from 'zod';
import { PkiError } from '../errors/PkiError.js';

/**
 * Validates a function's options with its zod schema.
 *
 * @param what - the function's name, for the message.
 * @throws {PkiError} `INVALID_ARGUMENT` listing each failing field, with the zod error as cause.
 *   zod's messages name the expected type or bound, not the received value, so no secret leaks.
 */
export function parseOptions<S extends z.ZodType>(
  schema: S,
  options: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(options);
  if (!result.success) {
    throw new PkiError(
      'INVALID_ARGUMENT',
      `Invalid ${what} options: ${z.prettifyError(result.error)}`,
      {
        cause: result.error,
      },
    );
  }
  return result.data;
}
