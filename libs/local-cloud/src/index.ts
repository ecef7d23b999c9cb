// Engine
export {
  startLocalCloud,
  type LocalCloud,
  type LocalCloudDependencies,
} from './lib/startLocalCloud.js';
export {
  EndpointsSchema,
  LocalCloudOptionsSchema,
  type Endpoints,
  type LocalCloudOptions,
  type ResolvedLocalCloudOptions,
} from './lib/config/schemas.js';
export { LocalCloudError, type LocalCloudErrorCode } from './lib/errors/LocalCloudError.js';

// Shared context (for embedding and for components added by later issues)
export {
  DEFAULT_DEVICE_CERTIFICATE_LIFETIME_DAYS,
  type CloudContext,
} from './lib/context/CloudContext.js';
export type { Clock } from './lib/context/Clock.js';
export { systemClock } from './lib/context/systemClock.js';
export type { LogLevel, Logger } from './lib/context/Logger.js';
export { createJsonLogger, type JsonLoggerOptions } from './lib/context/createJsonLogger.js';
export type { Counter, Gauge, Labels, Metrics } from './lib/context/Metrics.js';
export { createMetrics } from './lib/context/createMetrics.js';
export type {
  CredentialIdentity,
  CredentialRecord,
  CredentialStore,
} from './lib/context/CredentialStore.js';
export { createCredentialStore } from './lib/context/createCredentialStore.js';
export type {
  ClientPublisher,
  InboundMessage,
  MessageBus,
  ServicePublishOptions,
} from './lib/context/MessageBus.js';

// Registry
export type {
  CaCertificateRecord,
  CertificateRecord,
  CertificateStatus,
  ExpiredProvisioningClaim,
  Page,
  PageRequest,
  PolicyRecord,
  PolicyVersionRecord,
  Principal,
  Registry,
  RegistryChange,
  OwnershipTokenRecord,
  PreProvisioningHookRecord,
  ProvisioningTemplateRecord,
  ProvisioningTemplateVersionRecord,
  GroupNameAndArn,
  RetainedMessageRecord,
  ThingGroupRecord,
  ThingRecord,
  ThingTypeRecord,
} from './lib/registry/types.js';

// Data directory
export { dataDirPaths, type DataDirPaths } from './lib/data-dir/dataDirPaths.js';

// Components (for embedding pieces of the local cloud and for later issues)
export { createRegistry, type CreateRegistryOptions } from './lib/registry/createRegistry.js';
export { REGISTRY_MIGRATIONS } from './lib/registry/migrations.js';
export {
  verifySignedRequest,
  type ReceivedRequest,
  type VerifySignedRequestOptions,
} from './lib/sigv4/verifySignedRequest.js';
export {
  verifyPresignedUrl,
  type VerifyPresignedUrlOptions,
} from './lib/sigv4/verifyPresignedUrl.js';
export { sigV4ErrorType } from './lib/sigv4/sigV4ErrorType.js';
export { SIGV4_ERRORS, type SigV4ErrorType } from './lib/sigv4/errors.js';
export {
  createControlPlane,
  type ControlPlane,
  type ControlPlaneOptions,
} from './lib/control-plane/createControlPlane.js';
export { createShadowService } from './lib/shadow-service/createShadowService.js';
export { createShadowEngine } from './lib/shadow-service/createShadowEngine.js';
export type {
  ShadowEngine,
  ShadowOutcome,
  ShadowProtocol,
  ShadowRequest,
  ShadowService,
  ShadowServiceOptions,
} from './lib/shadow-service/types.js';
export { createDataPlane } from './lib/data-plane/createDataPlane.js';
export type { DataPlane } from './lib/data-plane/types.js';
export { createBroker } from './lib/broker/createBroker.js';
export {
  BrokerOptionsSchema,
  type Broker,
  type BrokerHooks,
  type BrokerOptions,
  type BrokerStats,
  type ConnectionInfo,
  type ResolvedBrokerOptions,
  type Transport,
  type UnknownCertificateEvent,
} from './lib/broker/types.js';
export { createRules, type Rules } from './lib/rules/createRules.js';
export { builtInRules } from './lib/rules/builtInRules.js';
export type { LocalRule, RuleEvent, RuleOutput } from './lib/rules/types.js';
export { createFleetProvisioning } from './lib/fleet-provisioning/createFleetProvisioning.js';
export { createHookInvoker } from './lib/fleet-provisioning/createHookInvoker.js';
export type {
  FleetProvisioning,
  FleetProvisioningOptions,
  PreProvisioningHookInvoker,
} from './lib/fleet-provisioning/types.js';
export {
  OWNERSHIP_TOKEN_LIFETIME_MS,
  PROVISIONING_CLAIM_LIFETIME_MS,
} from './lib/fleet-provisioning/constants.js';
export {
  createJustInTimeRegistration,
  type JustInTimeRegistrationOptions,
} from './lib/jitr/createJustInTimeRegistration.js';
