// Errors
export { TopicError, type TopicErrorCode } from './lib/errors/TopicError.js';

// Limits
export { AWS_IOT_LIMITS } from './lib/limits/limits.js';

// Names
export {
  CERTIFICATE_ID_PATTERN,
  COMMAND_NAME_PATTERN,
  SHADOW_NAME_PATTERN,
  TEMPLATE_NAME_PATTERN,
  THING_NAME_PATTERN,
} from './lib/names/patterns.js';
export { assertThingName } from './lib/names/assertThingName.js';
export { isThingName } from './lib/names/isThingName.js';
export { assertShadowName } from './lib/names/assertShadowName.js';
export { isShadowName } from './lib/names/isShadowName.js';
export { assertClientId } from './lib/names/assertClientId.js';
export { isClientId } from './lib/names/isClientId.js';
export { assertTemplateName } from './lib/names/assertTemplateName.js';
export { isTemplateName } from './lib/names/isTemplateName.js';
export { assertCommandName } from './lib/names/assertCommandName.js';
export { isCommandName } from './lib/names/isCommandName.js';
export { assertCertificateId } from './lib/names/assertCertificateId.js';
export { isCertificateId } from './lib/names/isCertificateId.js';
export {
  CertificateIdSchema,
  ClientIdSchema,
  CommandNameSchema,
  ShadowNameSchema,
  TemplateNameSchema,
  ThingNameSchema,
} from './lib/names/schemas.js';

// MQTT topic names and filters
export { assertTopicName } from './lib/topic/assertTopicName.js';
export { isTopicName } from './lib/topic/isTopicName.js';
export { assertTopicFilter } from './lib/topic/assertTopicFilter.js';
export { isTopicFilter } from './lib/topic/isTopicFilter.js';
export { topicMatchesFilter } from './lib/topic/topicMatchesFilter.js';
export { isReservedTopic } from './lib/topic/isReservedTopic.js';
export { isAwsReservedTopic } from './lib/topic/isAwsReservedTopic.js';

// Application topics (design 3.4)
export type { AmrTopic, AmrTopicKind } from './lib/amr/types.js';
export { amrTopicPrefix } from './lib/amr/amrTopicPrefix.js';
export { amrTopicFilter } from './lib/amr/amrTopicFilter.js';
export { amrCommandTopic } from './lib/amr/amrCommandTopic.js';
export { amrCommandFilter } from './lib/amr/amrCommandFilter.js';
export { amrCommandAckTopic } from './lib/amr/amrCommandAckTopic.js';
export { amrCommandAckFilter } from './lib/amr/amrCommandAckFilter.js';
export { amrStatusTopic } from './lib/amr/amrStatusTopic.js';
export { amrHeartbeatTopic } from './lib/amr/amrHeartbeatTopic.js';
export { rotationCommitTopic } from './lib/amr/rotationCommitTopic.js';
export { rotationCommitAcceptedTopic } from './lib/amr/rotationCommitAcceptedTopic.js';
export { rotationCommitRejectedTopic } from './lib/amr/rotationCommitRejectedTopic.js';
export { rotationCommitReplyFilter } from './lib/amr/rotationCommitReplyFilter.js';
export { rotationCommitFilter } from './lib/amr/rotationCommitFilter.js';
export { parseAmrTopic } from './lib/amr/parseAmrTopic.js';

// Device Shadow topics
export {
  SHADOW_OPERATIONS,
  type ShadowOperation,
  type ShadowTopic,
} from './lib/shadow/operations.js';
export { isShadowOperation } from './lib/shadow/isShadowOperation.js';
export { assertShadowOperation } from './lib/shadow/assertShadowOperation.js';
export { shadowTopicPrefix } from './lib/shadow/shadowTopicPrefix.js';
export { shadowTopic } from './lib/shadow/shadowTopic.js';
export { shadowTopicFilter } from './lib/shadow/shadowTopicFilter.js';
export { namedShadowsTopicFilter } from './lib/shadow/namedShadowsTopicFilter.js';
export { parseShadowTopic } from './lib/shadow/parseShadowTopic.js';

// Fleet provisioning topics
export {
  PAYLOAD_FORMATS,
  PROVISIONING_REPLIES,
  type PayloadFormat,
  type ProvisioningOperation,
  type ProvisioningReply,
  type ProvisioningTopic,
} from './lib/provisioning/types.js';
export { createKeysAndCertificateTopic } from './lib/provisioning/createKeysAndCertificateTopic.js';
export { createCertificateFromCsrTopic } from './lib/provisioning/createCertificateFromCsrTopic.js';
export { registerThingTopic } from './lib/provisioning/registerThingTopic.js';
export { parseProvisioningTopic } from './lib/provisioning/parseProvisioningTopic.js';

// Lifecycle and certificate events
export {
  PRESENCE_EVENT_TYPES,
  SUBSCRIPTION_EVENT_TYPES,
  type EventTopic,
  type PresenceEventType,
  type SubscriptionEventType,
} from './lib/lifecycle/types.js';
export { presenceTopic } from './lib/lifecycle/presenceTopic.js';
export { subscriptionEventTopic } from './lib/lifecycle/subscriptionEventTopic.js';
export { caCertificateRegisteredTopic } from './lib/lifecycle/caCertificateRegisteredTopic.js';
export { parseEventTopic } from './lib/lifecycle/parseEventTopic.js';

// Shared payload pieces
export { EpochMillisSchema, JsonObjectSchema, type JsonObject } from './lib/json/schemas.js';
export { parsePayload } from './lib/payload/parsePayload.js';

// Device Shadow payloads
export {
  ShadowDeleteAcceptedSchema,
  ShadowDeltaSchema,
  ShadowDocumentSnapshotSchema,
  ShadowDocumentsSchema,
  ShadowErrorSchema,
  ShadowGetAcceptedSchema,
  ShadowMetadataSchema,
  ShadowStateSchema,
  ShadowUpdateAcceptedSchema,
  ShadowUpdateRequestSchema,
  type ShadowDeleteAccepted,
  type ShadowDelta,
  type ShadowDocumentSnapshot,
  type ShadowDocuments,
  type ShadowError,
  type ShadowGetAccepted,
  type ShadowMetadata,
  type ShadowState,
  type ShadowUpdateAccepted,
  type ShadowUpdateRequest,
} from './lib/shadow/schemas.js';

// Fleet provisioning payloads
export {
  CreateCertificateFromCsrAcceptedSchema,
  CreateCertificateFromCsrRequestSchema,
  CreateKeysAndCertificateAcceptedSchema,
  CreateKeysAndCertificateRequestSchema,
  ProvisioningRejectedSchema,
  RegisterThingAcceptedSchema,
  RegisterThingRequestSchema,
  type CreateCertificateFromCsrAccepted,
  type CreateCertificateFromCsrRequest,
  type CreateKeysAndCertificateAccepted,
  type CreateKeysAndCertificateRequest,
  type ProvisioningRejected,
  type RegisterThingAccepted,
  type RegisterThingRequest,
} from './lib/provisioning/schemas.js';

// Lifecycle and certificate event payloads
export {
  CaCertificateRegisteredEventSchema,
  DISCONNECT_REASONS,
  DisconnectReasonSchema,
  LifecycleEventSchema,
  PresenceConnectFailedEventSchema,
  PresenceConnectedEventSchema,
  PresenceDisconnectedEventSchema,
  SubscriptionEventSchema,
  type CaCertificateRegisteredEvent,
  type DisconnectReason,
  type LifecycleEvent,
  type PresenceConnectFailedEvent,
  type PresenceConnectedEvent,
  type PresenceDisconnectedEvent,
  type SubscriptionEvent,
} from './lib/lifecycle/schemas.js';

// Application payloads (design 2.2, 2.4, 3.4)
export {
  AmrCommandAckSchema,
  AmrCommandSchema,
  AmrInputErrorSchema,
  AmrStateSchema,
  AmrStatusSchema,
  HeartbeatSchema,
  RequestIdSchema,
  RotationCommitAcceptedSchema,
  RotationCommitRejectedSchema,
  RotationCommitRequestSchema,
  type AmrCommand,
  type AmrCommandAck,
  type AmrInputError,
  type AmrState,
  type AmrStatus,
  type Heartbeat,
  type RotationCommitAccepted,
  type RotationCommitRejected,
  type RotationCommitRequest,
} from './lib/amr/schemas.js';
export { lastWillStatus } from './lib/amr/lastWillStatus.js';
