import type { CloudContext } from '../context/CloudContext.js';
import { provisioningFailure } from './provisioningFailure.js';

/**
 * Refuses fleet-provisioning requests from a connection whose certificate is a trusted-user claim
 * (CreateProvisioningClaim) past its 5 minutes: "the device must finish provisioning within 5
 * minutes" (aws-wire.md section 1), even on a connection opened in time.
 *
 * @throws {LocalCloudError} a 403 `AccessDenied` rejection.
 */
export function assertClaimUsable(ctx: CloudContext, certificateId: string | undefined): void {
  if (certificateId === undefined) return;
  const certificate = ctx.registry.getCertificate(certificateId);
  if (
    certificate?.origin === 'provisioning-claim' &&
    certificate.expiresAt !== undefined &&
    ctx.clock.now() >= certificate.expiresAt
  ) {
    throw provisioningFailure(
      403,
      'AccessDenied',
      `The provisioning claim certificate ${certificateId} expired at ${new Date(certificate.expiresAt).toISOString()}`,
    );
  }
}
