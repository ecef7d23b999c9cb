/**
 * What went wrong, as a string literal the caller can switch on.
 *
 * - `CONFIG`: the configuration file is missing, not JSON or invalid (one line naming the field).
 * - `CREDENTIALS`: a certificate or key file is missing, unreadable or malformed.
 * - `STATE`: the persisted rotation state or thing name cannot be written.
 * - `IO`: any other file-system failure.
 */
export type DeviceErrorCode = 'CONFIG' | 'CREDENTIALS' | 'STATE' | 'IO';

/**
 * The one error class of `@iot-gateway-net/device`. Its message names the value received and the
 * value expected; an underlying error (zod, file system, MQTT) is kept as `cause`.
 */
export class DeviceError extends Error {
  override readonly name = 'DeviceError' as const;
  readonly code: DeviceErrorCode;

  constructor(code: DeviceErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
