/** Why the local cloud refused something. Control-plane handlers map these to AWS exception names. */
export type LocalCloudErrorCode =
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'CONFLICT'
  | 'VERSION_CONFLICT'
  | 'INVALID_REQUEST'
  | 'LIMIT_EXCEEDED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'THROTTLED'
  | 'CONFIG'
  | 'STARTUP'
  | 'INTERNAL';

/**
 * The one error class of `@iot-gateway-net/local-cloud`. Its message names the value received and
 * what was expected; `cause` carries the underlying error (zod, SQLite, socket).
 */
export class LocalCloudError extends Error {
  override readonly name = 'LocalCloudError' as const;
  readonly code: LocalCloudErrorCode;

  constructor(code: LocalCloudErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
