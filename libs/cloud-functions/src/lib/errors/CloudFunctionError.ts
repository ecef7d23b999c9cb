/**
 * What went wrong in a cloud function, by kind:
 * - `INVALID_EVENT`: the event handed to a handler does not have the shape its trigger produces.
 * - `INVALID_OPTIONS`: a handler factory or `lambdaHandlers` received bad configuration.
 * - `CERTIFICATE_NOT_FOUND`: the registry has no certificate with the id the event names.
 * - `CERTIFICATE_NOT_ACTIVATABLE`: a JITR certificate is INACTIVE, REVOKED or otherwise not meant to
 *   be activated by an event.
 * - `INVALID_COMMON_NAME`: a JITR certificate's subject does not yield a valid thing name.
 * - `AWS_ERROR`: a control-plane call failed with an error the port does not map.
 */
export type CloudFunctionErrorCode =
  | 'INVALID_EVENT'
  | 'INVALID_OPTIONS'
  | 'CERTIFICATE_NOT_FOUND'
  | 'CERTIFICATE_NOT_ACTIVATABLE'
  | 'INVALID_COMMON_NAME'
  | 'AWS_ERROR';

/** The one error class of `@iot-gateway-net/cloud-functions`; `code` says what went wrong. */
export class CloudFunctionError extends Error {
  override readonly name = 'CloudFunctionError' as const;
  readonly code: CloudFunctionErrorCode;

  constructor(code: CloudFunctionErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
