import type { z } from 'zod';
import { FleetSetupError } from './FleetSetupError.js';

/**
 * Parses `options` with `schema`, or throws `INVALID_OPTIONS` naming the first bad field and what
 * was expected. Only the path and zod's message go into the text, never the received value: options
 * may hold PEM text or keys.
 *
 * @throws {FleetSetupError} `INVALID_OPTIONS` (the zod error is the cause).
 */
export function parseOptions<S extends z.ZodType>(
  schema: S,
  options: unknown,
  functionName: string,
): z.output<S> {
  const result = schema.safeParse(options);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue === undefined || issue.path.length === 0 ? 'options' : issue.path.join('.');
  throw new FleetSetupError(
    'INVALID_OPTIONS',
    `Invalid options for ${functionName}: ${path}: ${issue?.message ?? 'invalid value'}`,
    { cause: result.error },
  );
}
