/**
 * What went wrong while setting up the fleet, by kind:
 * - `INVALID_OPTIONS`: a function received options that do not match its schema (the zod error is the
 *   cause).
 * - `AWS_ERROR`: an AWS IoT API call failed; the message carries the operation, the AWS error name
 *   and its message, the SDK error is the cause.
 * - `UNEXPECTED_RESPONSE`: AWS IoT answered without a field the call needs.
 * - `CONFLICT`: an existing resource cannot be brought to the wanted state (e.g. a template of
 *   another type under the same name).
 * - `ALREADY_EXISTS`: a file to write exists and `force` was not given.
 * - `IO`: a file could not be written (the `PkiError` or file-system error is the cause).
 */
export type FleetSetupErrorCode =
  | 'INVALID_OPTIONS'
  | 'AWS_ERROR'
  | 'UNEXPECTED_RESPONSE'
  | 'CONFLICT'
  | 'ALREADY_EXISTS'
  | 'IO';

/**
 * The one error class of `@iot-gateway-net/fleet-setup`; `code` says what went wrong. Messages
 * never carry keys or PEM text.
 */
export class FleetSetupError extends Error {
  override readonly name = 'FleetSetupError' as const;
  readonly code: FleetSetupErrorCode;

  constructor(code: FleetSetupErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
