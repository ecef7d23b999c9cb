// Errors
export { PolicyError, type PolicyErrorCode } from './lib/errors/PolicyError.js';

// Policy documents
export {
  ConditionBlockSchema,
  ConditionValueSchema,
  POLICY_VERSION,
  PolicyDocumentSchema,
  PolicyStatementSchema,
  type ConditionBlock,
  type PolicyDocument,
  type PolicyStatement,
} from './lib/document/schemas.js';
export { parsePolicyDocument } from './lib/document/parsePolicyDocument.js';
export {
  BASE_CONDITION_OPERATORS,
  CONDITION_SET_QUALIFIERS,
  type BaseConditionOperator,
  type ConditionSetQualifier,
} from './lib/conditions/operators.js';

// ARNs
export {
  AccountIdSchema,
  IOT_RESOURCE_TYPES,
  IotArnPartsSchema,
  PartitionSchema,
  RegionSchema,
  type IotArnInput,
  type IotArnParts,
  type IotResourceType,
} from './lib/arn/schemas.js';
export { iotArn } from './lib/arn/iotArn.js';
export { iotArnPrefix } from './lib/arn/iotArnPrefix.js';
export { parseIotArn } from './lib/arn/parseIotArn.js';

// Evaluation
export {
  AuthorizationRequestSchema,
  ContextValueSchema,
  RequestContextSchema,
  type AuthorizationRequest,
  type ContextValue,
  type RequestContext,
} from './lib/context/schemas.js';
export type {
  CognitoEvaluationResult,
  CognitoPolicySet,
  CompiledPolicies,
  EvaluationResult,
  NamedPolicy,
  PolicyDecision,
  StatementRef,
} from './lib/evaluate/types.js';
export { evaluate } from './lib/evaluate/evaluate.js';
export { evaluateCognito } from './lib/evaluate/evaluateCognito.js';
export { compilePolicies } from './lib/evaluate/compilePolicies.js';
export { createAuthorizer } from './lib/authorizer/createAuthorizer.js';
export { createCognitoAuthorizer } from './lib/authorizer/createCognitoAuthorizer.js';
export { DEFAULT_MAX_CACHE_ENTRIES } from './lib/authorizer/createDecisionCache.js';
export type { Authorizer, AuthorizerOptions } from './lib/authorizer/types.js';

// Builders
export { POLICY_VARIABLES } from './lib/builders/variables.js';
export {
  BrowserPolicyOptionsSchema,
  CLAIM_METHODS,
  ClaimPolicyOptionsSchema,
  ContentSecurityPolicyOptionsSchema,
  DevicePolicyOptionsSchema,
  PolicyTargetSchema,
  TrustedUserRolePolicyOptionsSchema,
  type BrowserPolicyOptions,
  type ClaimMethod,
  type ClaimPolicyOptions,
  type ContentSecurityPolicyOptions,
  type DevicePolicyOptions,
  type TrustedUserRolePolicyOptions,
} from './lib/builders/schemas.js';
export { buildDevicePolicy } from './lib/builders/buildDevicePolicy.js';
export { buildBrowserPolicy } from './lib/builders/buildBrowserPolicy.js';
export { buildClaimPolicy } from './lib/builders/buildClaimPolicy.js';
export { buildTrustedUserRolePolicy } from './lib/builders/buildTrustedUserRolePolicy.js';
export { buildContentSecurityPolicy } from './lib/builders/buildContentSecurityPolicy.js';
