// Errors
export {
  SHADOW_ERRORS,
  type ShadowErrorCode,
  type ShadowErrorStatus,
} from './lib/errors/catalog.js';
export { ShadowError, type ShadowErrorOptions } from './lib/errors/ShadowError.js';
export {
  shadowErrorPayload,
  type ShadowErrorPayloadOptions,
} from './lib/errors/shadowErrorPayload.js';

// Stored shadow
export {
  StoredShadowSchema,
  type JsonValue,
  type ShadowSection,
  type ShadowSectionMetadata,
  type StoredShadow,
} from './lib/document/schemas.js';
export { DELETED_SHADOW_VERSION_RETENTION_SECONDS } from './lib/document/constants.js';
export { parseStoredShadow } from './lib/document/parseStoredShadow.js';

// Requests
export {
  parseUpdateRequest,
  type ParseUpdateRequestOptions,
  type ParseUpdateRequestResult,
} from './lib/request/parseUpdateRequest.js';
export { readClientToken } from './lib/request/readClientToken.js';

// Operations
export { computeDelta, type ShadowDeltaResult } from './lib/delta/computeDelta.js';
export {
  applyUpdate,
  type ApplyUpdateOptions,
  type ApplyUpdateResult,
} from './lib/update/applyUpdate.js';
export { buildGetAccepted, type BuildGetAcceptedOptions } from './lib/get/buildGetAccepted.js';
export { getShadow, type GetShadowOptions, type GetShadowResult } from './lib/get/getShadow.js';
export {
  deleteShadow,
  type DeleteShadowOptions,
  type DeleteShadowResult,
} from './lib/delete/deleteShadow.js';

// MQTT requests
export {
  handleShadowRequest,
  type HandleShadowRequestOptions,
  type HandleShadowRequestResult,
  type ShadowMessage,
  type ShadowRequestOperation,
} from './lib/handle/handleShadowRequest.js';
