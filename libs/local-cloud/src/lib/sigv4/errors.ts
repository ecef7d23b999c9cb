import type { LocalCloudErrorCode } from '../errors/LocalCloudError.js';

/**
 * How AWS answers SigV4 failures on its JSON and REST-JSON APIs (AWS IoT included): the exception
 * name (`x-amzn-ErrorType`), the HTTP status, and the local cloud's error code. Observed answers of
 * AWS IoT: InvalidSignatureException 403 for a wrong signature, UnrecognizedClientException 403 for
 * an unknown access key or session token, ExpiredTokenException 403 for expired credentials
 * (AWS API reference, "Common Errors").
 */
export const SIGV4_ERRORS = {
  /** No Authorization header or presigned query at all. */
  MissingAuthenticationTokenException: { status: 403, code: 'UNAUTHORIZED' },
  /** A malformed Authorization header or presigned query. */
  IncompleteSignatureException: { status: 400, code: 'FORBIDDEN' },
  /** Unknown access key id, or a session token that does not belong to it. */
  UnrecognizedClientException: { status: 403, code: 'UNAUTHORIZED' },
  /** Temporary credentials past their expiry. */
  ExpiredTokenException: { status: 403, code: 'UNAUTHORIZED' },
  /** Wrong signature, scope, date skew or expired presigned URL. */
  InvalidSignatureException: { status: 403, code: 'FORBIDDEN' },
} as const satisfies Record<string, { status: number; code: LocalCloudErrorCode }>;

/** One of the AWS exception names of {@link SIGV4_ERRORS}. */
export type SigV4ErrorType = keyof typeof SIGV4_ERRORS;

/** How far `X-Amz-Date` may be from the server's clock: AWS allows 15 minutes either way. */
export const SIGV4_MAX_SKEW_MS = 15 * 60_000;

/** The longest `X-Amz-Expires` SigV4 allows: 7 days. */
export const SIGV4_MAX_EXPIRES_SECONDS = 604_800;
