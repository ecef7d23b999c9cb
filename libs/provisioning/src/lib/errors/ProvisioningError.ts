import type { ProvisioningOperation, ProvisioningRejected } from '@iot-gateway-net/topics';

/**
 * Why a provisioning call failed.
 *
 * - `REJECTED`: AWS answered on the `rejected` topic; {@link ProvisioningError.rejection} holds its payload.
 * - `TIMEOUT`: no answer within `timeoutMs` (after every allowed retry).
 * - `INVALID_RESPONSE`: an answer arrived that could not be decoded or did not match the AWS shape.
 * - `INVALID_ARGUMENT`: the call was refused before anything was published.
 * - `DISPOSED`: the client was disposed while the call was queued, waiting or backing off.
 * - `CONNECTION`: the MQTT connection failed to subscribe or publish.
 */
export type ProvisioningErrorCode =
  | 'REJECTED'
  | 'TIMEOUT'
  | 'INVALID_RESPONSE'
  | 'INVALID_ARGUMENT'
  | 'DISPOSED'
  | 'CONNECTION';

/**
 * The one error class of `@iot-gateway-net/provisioning`. Messages name the value received and the
 * value expected, and never contain private keys or certificate ownership tokens.
 */
export class ProvisioningError extends Error {
  override readonly name = 'ProvisioningError' as const;
  readonly code: ProvisioningErrorCode;
  /** The operation that failed, when the error belongs to one. */
  readonly operation: ProvisioningOperation | undefined;
  /** AWS's `rejected` payload (`statusCode`, `errorCode`, `errorMessage`); set when `code` is `REJECTED`. */
  readonly rejection: ProvisioningRejected | undefined;

  constructor(
    code: ProvisioningErrorCode,
    message: string,
    options?: {
      cause?: unknown;
      operation?: ProvisioningOperation;
      rejection?: ProvisioningRejected;
    },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.operation = options?.operation;
    this.rejection = options?.rejection;
  }
}
