import { type z } from 'zod';
import { RotationError, type RotationErrorCode } from './RotationError.js';

/**
 * Wraps a zod failure in a {@link RotationError} whose message lists every issue as
 * `at "<path>": <what was expected>`, so a corrupt state file says which field is wrong.
 */
export function fromZodError(
  code: RotationErrorCode,
  what: string,
  error: z.ZodError,
): RotationError {
  const issues = error.issues
    .map((issue) => {
      const path = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
      return `at "${path}": ${issue.message}`;
    })
    .join('; ');
  return new RotationError(code, `${what}: ${issues}`, { cause: error });
}
