import type { CaCertificateRecord } from '../registry/types.js';

/**
 * Whether certificates of `ca` are provisioned from a template at their first connection (JITP)
 * rather than only registered (JITR): its `registrationConfig` names a template or carries a
 * non-empty template body (AWS IoT Developer Guide, "Just-in-time provisioning"). Auto-registration
 * and the CA's status are checked by the caller.
 */
export function isJustInTimeProvisioning(ca: CaCertificateRecord): boolean {
  const config = ca.registrationConfig;
  if (config === undefined) return false;
  return (config.templateBody ?? '') !== '' || config.templateName !== undefined;
}
