/**
 * Why a policy, an ARN or a builder argument was refused.
 *
 * - `INVALID_JSON`: a policy given as text is not JSON.
 * - `INVALID_DOCUMENT`: a policy document does not follow the IAM / AWS IoT policy grammar.
 * - `INVALID_ARN`: a string is not an AWS IoT ARN.
 * - `INVALID_ARGUMENT`: a builder or helper received a value it cannot use (region, account id,
 *   thing name, template name, CSP source, ...).
 */
export type PolicyErrorCode =
  | 'INVALID_JSON'
  | 'INVALID_DOCUMENT'
  | 'INVALID_ARN'
  | 'INVALID_ARGUMENT';

/**
 * The one error class of `@iot-gateway-net/policy`. Its message names the value received and the
 * value expected; `cause` carries the underlying error (the zod error, the JSON syntax error, or a
 * `TopicError` of `@iot-gateway-net/topics`).
 */
export class PolicyError extends Error {
  override readonly name = 'PolicyError' as const;
  readonly code: PolicyErrorCode;

  constructor(code: PolicyErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
