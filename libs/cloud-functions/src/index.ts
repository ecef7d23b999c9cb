// Errors
export {
  CloudFunctionError,
  type CloudFunctionErrorCode,
} from './lib/errors/CloudFunctionError.js';

// Control-plane port
export {
  CERTIFICATE_STATUSES,
  type CertificateInfo,
  type CertificateStatus,
  type CloudFunctionClock,
  type CloudFunctionLog,
  type IotControlPort,
  type ThingInfo,
} from './lib/ports/types.js';
export { fromIotClient } from './lib/ports/fromIotClient.js';
export { certificateIdFromArn } from './lib/ports/certificateIdFromArn.js';

// IoT rule events
export { IotRuleEventSchema, type IotRuleEvent } from './lib/rule-event/schemas.js';

// Rotation commit (design 2.4, 3.3)
export {
  createRotationCommitHandler,
  type RotationCommitHandlerOptions,
} from './lib/rotation-commit/createRotationCommitHandler.js';
export { PREVIOUS_CERTIFICATE_ATTRIBUTE } from './lib/rotation-commit/constants.js';
export type {
  RotationCommitAnswer,
  RotationCommitRejectCode,
} from './lib/rotation-commit/schemas.js';

// Pre-provisioning hook
export {
  createPreProvisioningHook,
  type PreProvisioningHookOptions,
} from './lib/pre-provisioning/createPreProvisioningHook.js';
// The hook's input and output schemas are `@iot-gateway-net/provisioning-templates`'.
export {
  RotationGateOptionsSchema,
  type RotationGateOptions,
} from './lib/pre-provisioning/schemas.js';

// JITR activator
export {
  createJitrActivator,
  type JitrActivation,
  type JitrActivatorOptions,
} from './lib/jitr/createJitrActivator.js';

// Lambda entry points
export {
  lambdaHandlers,
  type LambdaHandlers,
  type LambdaHandlersOptions,
} from './lib/lambda/lambdaHandlers.js';
