/**
 * Why a provisioning template, its parameters or a pre-provisioning hook answer was refused.
 *
 * - `INVALID_TEMPLATE`: the body is not JSON, or a section, resource or intrinsic function is
 *   malformed (wrong shape, broken reference to a mapping, literal thing name that is invalid, ...).
 * - `UNSUPPORTED_CONSTRUCT`: the body uses something AWS IoT provisioning templates do not have
 *   (`Conditions`, `Outputs`, `Fn::If`, `Fn::GetAtt`, unknown resource types or properties, a `Ref`
 *   to an undeclared parameter, ...).
 * - `TEMPLATE_TOO_LARGE`: the body is longer than AWS's 10,240 characters.
 * - `MISSING_PARAMETER`: a declared parameter has no value and no default, or a referenced
 *   pseudo-parameter was not supplied.
 * - `INVALID_PARAMETER`: a parameter key or value breaks AWS's limits or is not a string.
 * - `EVALUATION_FAILED`: an intrinsic function failed at evaluation time (index out of bounds,
 *   missing mapping key, a value of the wrong type) or the resulting plan is invalid.
 * - `INVALID_ARGUMENT`: a builder option is unusable.
 */
export type ProvisioningTemplateErrorCode =
  | 'INVALID_TEMPLATE'
  | 'UNSUPPORTED_CONSTRUCT'
  | 'TEMPLATE_TOO_LARGE'
  | 'MISSING_PARAMETER'
  | 'INVALID_PARAMETER'
  | 'EVALUATION_FAILED'
  | 'INVALID_ARGUMENT';

/**
 * The one error class of `@iot-gateway-net/provisioning-templates`. Its message names the
 * construct or value received, its JSON path in the template, and what was expected; `cause`
 * carries the underlying error (JSON syntax error, zod error, `PolicyError`, `TopicError`).
 */
export class ProvisioningTemplateError extends Error {
  override readonly name = 'ProvisioningTemplateError' as const;
  readonly code: ProvisioningTemplateErrorCode;

  constructor(code: ProvisioningTemplateErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
