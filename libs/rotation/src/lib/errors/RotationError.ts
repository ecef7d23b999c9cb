/**
 * What went wrong, as a string literal the caller can switch on.
 *
 * - `INVALID_STATE`: a persisted rotation state does not match {@link RotationStateSchema}.
 * - `INVALID_EVENT`: an event fed to `transition` does not match `RotationEventSchema`.
 * - `INVALID_CONFIG`: a rotation configuration is out of range.
 * - `INVALID_ARGUMENT`: any other argument is out of range (credential, attempt number, random).
 */
export type RotationErrorCode =
  | 'INVALID_STATE'
  | 'INVALID_EVENT'
  | 'INVALID_CONFIG'
  | 'INVALID_ARGUMENT';

/**
 * The one error class of `@iot-gateway-net/rotation`. Its message names the value received and the
 * value expected; a zod failure is kept as `cause`.
 */
export class RotationError extends Error {
  override readonly name = 'RotationError' as const;
  readonly code: RotationErrorCode;

  constructor(code: RotationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
