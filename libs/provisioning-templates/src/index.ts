// Errors
export {
  ProvisioningTemplateError,
  type ProvisioningTemplateErrorCode,
} from './lib/errors/ProvisioningTemplateError.js';

// Limits and vocabulary
export { PROVISIONING_TEMPLATE_LIMITS } from './lib/limits/limits.js';
export {
  CERTIFICATE_STATUSES,
  INTRINSIC_FUNCTIONS,
  OVERRIDE_ACTIONS,
  PSEUDO_PARAMETERS,
  RESOURCE_TYPES,
  TEMPLATE_SECTIONS,
  type PseudoParameter,
} from './lib/template/constants.js';

// Templates
export type {
  CertificateResource,
  CertificateStatus,
  MappingValue,
  Mappings,
  OverrideAction,
  ParameterDeclaration,
  ParsedTemplate,
  PolicyResource,
  SubPart,
  TemplateNode,
  ThingResource,
} from './lib/template/types.js';
export type { JsonPath } from './lib/internal/formatPath.js';
export { parseTemplate } from './lib/template/parseTemplate.js';
export { evaluateTemplate, type EvaluationInput } from './lib/template/evaluateTemplate.js';

// Provisioning plans
export {
  CertificatePlanSchema,
  NonMergeOverrideActionSchema,
  OverrideActionSchema,
  PolicyPlanSchema,
  ProvisioningPlanSchema,
  ThingPlanSchema,
  type CertificatePlan,
  type PolicyPlan,
  type ProvisioningPlan,
  type ThingPlan,
} from './lib/plan/schemas.js';

// Pre-provisioning hooks
export {
  PreProvisioningHookInputSchema,
  PreProvisioningHookOutputSchema,
  type PreProvisioningHookInput,
  type PreProvisioningHookOutput,
} from './lib/hook/schemas.js';
export { applyHookOutput, type HookDecision } from './lib/hook/applyHookOutput.js';

// Builders
export {
  FleetProvisioningTemplateOptionsSchema,
  type FleetProvisioningTemplateOptions,
} from './lib/builders/schemas.js';
export { buildFleetProvisioningTemplate } from './lib/builders/buildFleetProvisioningTemplate.js';
