import type { CloudContext } from '../context/CloudContext.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { sweepExpiredProvisioningClaims } from './sweepExpiredProvisioningClaims.js';

/**
 * Deletes what expired ownership tokens leave behind: the token itself and, when its certificate
 * was never registered (still PENDING_ACTIVATION, no thing or policy attached), the certificate
 * (AWS IoT Developer Guide, "Device provisioning MQTT API": "If the certificate ... isn't activated
 * and isn't attached to a policy or a thing by the time the token expires, the certificate is
 * deleted"). Works in batches of 100 until nothing expired is left. The same pass removes expired
 * trusted-user claim certificates (`sweepExpiredProvisioningClaims`), so one timer serves both.
 *
 * @returns the ids of the certificates deleted (unregistered certificates, then expired claims).
 */
export function sweepUnregisteredCertificates(ctx: CloudContext): string[] {
  const { registry } = ctx;
  const deleted: string[] = [];
  for (;;) {
    const expired = registry.listExpiredOwnershipTokens(ctx.clock.now(), 100);
    if (expired.length === 0) return [...deleted, ...sweepExpiredProvisioningClaims(ctx)];
    for (const token of expired) {
      registry.transaction(() => {
        const certificate = registry.getCertificate(token.certificateId);
        if (
          token.usedAt === undefined &&
          certificate?.status === 'PENDING_ACTIVATION' &&
          certificate.origin === 'fleet-provisioning'
        ) {
          try {
            // Deleting the certificate deletes its tokens (ON DELETE CASCADE).
            registry.deleteCertificate(certificate.certificateId);
            deleted.push(certificate.certificateId);
            return;
          } catch (error) {
            // Attached to a thing or a policy by someone else: AWS keeps it.
            if (!(error instanceof LocalCloudError && error.code === 'CONFLICT')) throw error;
          }
        }
        registry.deleteOwnershipToken(token.tokenHash);
      });
    }
  }
}
