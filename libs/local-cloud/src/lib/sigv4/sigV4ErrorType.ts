import { LocalCloudError } from '../errors/LocalCloudError.js';
import { SIGV4_ERRORS, type SigV4ErrorType } from './errors.js';

/**
 * The AWS exception name of an error thrown by `verifySignedRequest` or `verifyPresignedUrl`
 * (e.g. `InvalidSignatureException`), or `undefined` for any other error.
 */
export function sigV4ErrorType(error: unknown): SigV4ErrorType | undefined {
  if (!(error instanceof LocalCloudError) || !(error.cause instanceof Error)) return undefined;
  const name = error.cause.name;
  return Object.hasOwn(SIGV4_ERRORS, name) ? (name as SigV4ErrorType) : undefined;
}
