import { FleetSetupError } from '../errors/FleetSetupError.js';

/**
 * The AWS error name (e.g. `ResourceNotFoundException`) behind a `FleetSetupError` `AWS_ERROR`
 * thrown by `awsCall`, or `undefined` for any other error.
 */
export function awsErrorName(error: unknown): string | undefined {
  if (!(error instanceof FleetSetupError) || error.code !== 'AWS_ERROR') return undefined;
  return error.cause instanceof Error ? error.cause.name : undefined;
}
