import { LocalCloudError, type LocalCloudErrorCode } from '../errors/LocalCloudError.js';
import type { AwsErrorName } from './awsErrors.js';

/** The `cause` of an error made by {@link awsException}: names the AWS exception and its extra fields. */
export interface AwsExceptionCause extends Error {
  readonly name: AwsErrorName;
  /** Extra members of the exception shape, e.g. `resourceId` and `resourceArn`. */
  readonly fields: Readonly<Record<string, string>>;
}

const CODES: Partial<Record<AwsErrorName, LocalCloudErrorCode>> = {
  ResourceNotFoundException: 'NOT_FOUND',
  ResourceAlreadyExistsException: 'ALREADY_EXISTS',
  DeleteConflictException: 'CONFLICT',
  CertificateStateException: 'CONFLICT',
  VersionConflictException: 'VERSION_CONFLICT',
  VersionsLimitExceededException: 'LIMIT_EXCEEDED',
  LimitExceededException: 'LIMIT_EXCEEDED',
  AccessDeniedException: 'FORBIDDEN',
  UnauthorizedException: 'UNAUTHORIZED',
  ThrottlingException: 'THROTTLED',
  InternalFailureException: 'INTERNAL',
  ServiceUnavailableException: 'INTERNAL',
};

/**
 * A `LocalCloudError` that the control plane answers with exactly the AWS exception `name` (and
 * its extra `fields`), for the cases where the error code alone does not say which AWS exception
 * AWS uses (MalformedPolicyException, CertificateValidationException, ...).
 */
export function awsException(
  name: AwsErrorName,
  message: string,
  fields: Record<string, string> = {},
  options: { cause?: unknown } = {},
): LocalCloudError {
  const cause = Object.assign(new Error(message, options), { fields }) as AwsExceptionCause;
  Object.defineProperty(cause, 'name', { value: name });
  return new LocalCloudError(CODES[name] ?? 'INVALID_REQUEST', message, { cause });
}
