// Errors
export { FleetSetupError, type FleetSetupErrorCode } from './lib/errors/FleetSetupError.js';

// Fleet setup (design 6: template, production and claim policies)
export {
  FLEET_RESOURCE_COUNT,
  FLEET_SETUP_DEFAULTS,
  MAX_VERSIONS,
  PRE_PROVISIONING_HOOK_PAYLOAD_VERSION,
} from './lib/setup/constants.js';
export {
  EnsureFleetSetupOptionsSchema,
  FleetResourceActionSchema,
  FleetResourceChangeSchema,
  FleetResourceKindSchema,
  FleetSetupReportSchema,
  type EnsureFleetSetupOptions,
  type FleetResourceAction,
  type FleetResourceChange,
  type FleetResourceKind,
  type FleetSetupReport,
} from './lib/setup/schemas.js';
export { ensureFleetSetup } from './lib/setup/ensureFleetSetup.js';

// Claim credentials (design 12.1, seed 001)
export {
  CLAIM_CERTIFICATE_DEFAULTS,
  CLAIM_FILE_NAMES,
  ClaimCredentialSchema,
  CreateClaimCredentialOptionsSchema,
  CreateTrustedUserClaimOptionsSchema,
  TrustedUserClaimSchema,
  WriteClaimCredentialOptionsSchema,
  type ClaimCredential,
  type ClaimFilePaths,
  type ClaimFilesContent,
  type CreateClaimCredentialOptions,
  type CreateTrustedUserClaimOptions,
  type TrustedUserClaim,
  type WriteClaimCredentialOptions,
} from './lib/claim/schemas.js';
export { createClaimCredential } from './lib/claim/createClaimCredential.js';
export { createTrustedUserClaim } from './lib/claim/createTrustedUserClaim.js';
export { writeClaimCredential } from './lib/claim/writeClaimCredential.js';
