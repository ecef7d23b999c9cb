import { LocalCloudError } from '../errors/LocalCloudError.js';
import { SIGV4_ERRORS, type SigV4ErrorType } from './errors.js';

/**
 * Makes the error a SigV4 check throws: a `LocalCloudError` (`UNAUTHORIZED` or `FORBIDDEN`) whose
 * `cause` is an `Error` named after the AWS exception, so that protocol handlers answer with it
 * (read it back with `sigV4ErrorType`). `message` is AWS's own wording where AWS has one; it never
 * contains secrets or signatures.
 */
export function rejectSigV4(type: SigV4ErrorType, message: string): LocalCloudError {
  const cause = new Error(message);
  cause.name = type;
  return new LocalCloudError(SIGV4_ERRORS[type].code, message, { cause });
}
