import type { LocalCloudErrorCode } from '../errors/LocalCloudError.js';
import { SIGV4_ERRORS } from '../sigv4/errors.js';

/**
 * The AWS IoT exceptions the control plane answers with and their HTTP status, as the
 * `@aws-sdk/client-iot` model declares them (`httpError` of each exception shape), plus
 * AccessDeniedException (IAM denial, 403), UnknownOperationException (no such route) and the SigV4
 * failures of the AWS API reference's "Common Errors".
 */
export const AWS_ERRORS = {
  InvalidRequestException: 400,
  ResourceNotFoundException: 404,
  ResourceAlreadyExistsException: 409,
  DeleteConflictException: 409,
  CertificateStateException: 406,
  CertificateValidationException: 400,
  RegistrationCodeValidationException: 400,
  VersionConflictException: 409,
  VersionsLimitExceededException: 409,
  LimitExceededException: 410,
  MalformedPolicyException: 400,
  UnauthorizedException: 401,
  AccessDeniedException: 403,
  // The IoT model gives ThrottlingException status 400, not 429.
  ThrottlingException: 400,
  InternalFailureException: 500,
  ServiceUnavailableException: 503,
  UnknownOperationException: 404,
  MissingAuthenticationTokenException: SIGV4_ERRORS.MissingAuthenticationTokenException.status,
  IncompleteSignatureException: SIGV4_ERRORS.IncompleteSignatureException.status,
  UnrecognizedClientException: SIGV4_ERRORS.UnrecognizedClientException.status,
  ExpiredTokenException: SIGV4_ERRORS.ExpiredTokenException.status,
  InvalidSignatureException: SIGV4_ERRORS.InvalidSignatureException.status,
} as const;

/** One of the exception names of {@link AWS_ERRORS}. */
export type AwsErrorName = keyof typeof AWS_ERRORS;

/**
 * The exception a `LocalCloudError` code becomes unless the operation says otherwise (an
 * operation maps `CONFLICT` to CertificateStateException where AWS does, for example).
 */
export const DEFAULT_AWS_ERRORS: Record<LocalCloudErrorCode, AwsErrorName> = {
  NOT_FOUND: 'ResourceNotFoundException',
  ALREADY_EXISTS: 'ResourceAlreadyExistsException',
  CONFLICT: 'DeleteConflictException',
  VERSION_CONFLICT: 'VersionConflictException',
  INVALID_REQUEST: 'InvalidRequestException',
  LIMIT_EXCEEDED: 'LimitExceededException',
  UNAUTHORIZED: 'UnauthorizedException',
  FORBIDDEN: 'AccessDeniedException',
  THROTTLED: 'ThrottlingException',
  CONFIG: 'InternalFailureException',
  STARTUP: 'InternalFailureException',
  INTERNAL: 'InternalFailureException',
};
