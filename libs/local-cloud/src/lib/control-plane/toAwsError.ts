import type { LocalCloudErrorCode } from '../errors/LocalCloudError.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { sigV4ErrorType } from '../sigv4/sigV4ErrorType.js';
import { AWS_ERRORS, DEFAULT_AWS_ERRORS, type AwsErrorName } from './awsErrors.js';
import type { AwsExceptionCause } from './awsException.js';

/** An AWS REST-JSON error answer: the `x-amzn-ErrorType` name, the HTTP status and the JSON body. */
export interface AwsErrorResponse {
  name: AwsErrorName;
  status: number;
  body: { message: string } & Record<string, string>;
}

/**
 * Maps anything a handler threw to the AWS error the SDK expects: SigV4 failures by their AWS
 * name, errors made by `awsException` by theirs, other `LocalCloudError`s by code (with the
 * operation's `overrides`), and anything else to InternalFailureException with a generic message
 * (internal details stay in the log, not in the answer).
 */
export function toAwsError(
  error: unknown,
  overrides: Partial<Record<LocalCloudErrorCode, AwsErrorName>> = {},
): AwsErrorResponse {
  if (!(error instanceof LocalCloudError)) {
    return internal();
  }
  const sigv4 = sigV4ErrorType(error);
  if (sigv4) return { name: sigv4, status: AWS_ERRORS[sigv4], body: { message: error.message } };
  const cause = error.cause;
  if (isAwsExceptionCause(cause)) {
    return {
      name: cause.name,
      status: AWS_ERRORS[cause.name],
      body: { message: error.message, ...cause.fields },
    };
  }
  const name = overrides[error.code] ?? DEFAULT_AWS_ERRORS[error.code];
  if (name === 'InternalFailureException') return internal();
  return { name, status: AWS_ERRORS[name], body: { message: error.message } };
}

function internal(): AwsErrorResponse {
  return {
    name: 'InternalFailureException',
    status: AWS_ERRORS.InternalFailureException,
    body: { message: 'An unexpected error has occurred.' },
  };
}

function isAwsExceptionCause(value: unknown): value is AwsExceptionCause {
  return (
    value instanceof Error &&
    Object.hasOwn(AWS_ERRORS, value.name) &&
    typeof (value as Partial<AwsExceptionCause>).fields === 'object'
  );
}
