export { RotationError, type RotationErrorCode } from './lib/errors/RotationError.js';
export {
  DEFAULT_BUILD_TIME,
  DEFAULT_ROTATION_CONFIG,
  ProvisioningMethodSchema,
  RotationConfigSchema,
  type ProvisioningMethod,
  type RotationConfig,
  type RotationConfigInput,
} from './lib/config/schemas.js';
export { resolveRotationConfig } from './lib/config/resolveRotationConfig.js';
export {
  CertificateIdSchema,
  CredentialSchema,
  EpochMsSchema,
  SlotSchema,
  type Credential,
} from './lib/credential/schemas.js';
export {
  FailureReasonSchema,
  OperationSchema,
  RotationEventSchema,
  type FailureReason,
  type Operation,
  type RotationEvent,
  type RotationEventType,
} from './lib/event/schemas.js';
export {
  DeletionKindSchema,
  RotationActionSchema,
  RotationReportCodeSchema,
  type DeletionKind,
  type RotationAction,
  type RotationActionType,
  type RotationReportCode,
} from './lib/action/schemas.js';
export {
  InitialStateInputSchema,
  IssuedCertificateSchema,
  LastFailureSchema,
  PendingDeletionSchema,
  ROTATION_STATE_VERSION,
  ResumeSchema,
  RotationCommonSchema,
  RotationStateSchema,
  RotationStepSchema,
  type InitialStateInput,
  type IssuedCertificate,
  type LastFailure,
  type PendingDeletion,
  type Resume,
  type RotationCommon,
  type RotationPhase,
  type RotationState,
  type RotationStep,
} from './lib/state/schemas.js';
export { createInitialState } from './lib/state/createInitialState.js';
export { parseRotationState } from './lib/state/parseRotationState.js';
export { deserializeRotationState } from './lib/state/deserializeRotationState.js';
export { serializeRotationState } from './lib/state/serializeRotationState.js';
export { referencedSlots } from './lib/state/referencedSlots.js';
export { isClockTrusted } from './lib/clock/isClockTrusted.js';
export { renewalDueAt } from './lib/renewal/renewalDueAt.js';
export { isRenewalDue } from './lib/renewal/isRenewalDue.js';
export { nextBackoffDelay } from './lib/backoff/nextBackoffDelay.js';
export { transition } from './lib/machine/transition.js';
export { wakeUpAt } from './lib/machine/wakeUpAt.js';
export { type TransitionResult } from './lib/machine/types.js';
