/**
 * How long a certificate ownership token stays valid, and how long an unregistered certificate
 * lives: 1 hour (AWS IoT Developer Guide, "Device provisioning MQTT API", CreateCertificateFromCsr:
 * "the certificateOwnershipToken returned by CreateCertificateFromCsr expires after one hour").
 */
export const OWNERSHIP_TOKEN_LIFETIME_MS = 3_600_000;

/** How often the sweep looks for expired tokens by default: every minute. */
export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

/** Bytes of randomness in an ownership token (AWS's are opaque; 48 bytes → 64 base64url chars). */
export const OWNERSHIP_TOKEN_BYTES = 48;

/**
 * How long a trusted-user claim certificate (CreateProvisioningClaim) may be used: 5 minutes (AWS
 * IoT Developer Guide, "Provisioning by trusted user": "the claim certificate ... expires after 5
 * minutes").
 */
export const PROVISIONING_CLAIM_LIFETIME_MS = 300_000;
