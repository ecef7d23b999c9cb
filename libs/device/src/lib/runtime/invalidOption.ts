import type { z } from 'zod';
import { DeviceError } from '../errors/DeviceError.js';

/**
 * The error for an invalid option of the runtime, the simulated robot or the fleet helpers:
 * `DeviceError` `CONFIG` naming each option, what was received and what was expected, with the
 * zod error as `cause`.
 */
export function invalidOption(what: string, error: z.ZodError): DeviceError {
  const problems = error.issues
    .map(
      (issue) => `${issue.path.length === 0 ? '(root)' : issue.path.join('.')}: ${issue.message}`,
    )
    .join('; ');
  return new DeviceError('CONFIG', `Unexpected ${what}: ${problems}`, { cause: error });
}
