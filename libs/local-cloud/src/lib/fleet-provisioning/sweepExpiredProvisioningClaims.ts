import type { CloudContext } from '../context/CloudContext.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import type { ExpiredProvisioningClaim } from '../registry/types.js';

/**
 * Removes trusted-user claim certificates (CreateProvisioningClaim) whose 5 minutes have passed. AWS
 * IoT Developer Guide, "Provisioning by trusted user": the temporary claim certificate "is valid for
 * only five minutes" and does "not appear in your account's list of certificates" — it is never the
 * customer's to manage, so once expired nothing can observe it and the local cloud deletes it rather
 * than keep dead rows forever. Each claim is deactivated (which also closes a connection still using
 * it) and deleted with its policy attachments in one registry transaction; the shared claim policy
 * `provisioning-claim-<template>` stays for the next claim. A claim someone attached to a thing is
 * kept, as AWS never deletes a certificate attached to a thing.
 *
 * @returns the ids of the certificates deleted.
 */
export function sweepExpiredProvisioningClaims(ctx: CloudContext): string[] {
  const { registry } = ctx;
  const now = ctx.clock.now();
  const deleted: string[] = [];
  let after: ExpiredProvisioningClaim | undefined;
  for (;;) {
    const batch = registry.listExpiredProvisioningClaims(now, after === undefined ? {} : { after });
    if (batch.length === 0) return deleted;
    for (const claim of batch) {
      try {
        registry.transaction(() => {
          if (registry.getCertificate(claim.certificateId)?.status === 'ACTIVE') {
            registry.updateCertificateStatus(claim.certificateId, 'INACTIVE');
          }
          registry.deleteCertificate(claim.certificateId, { force: true });
        });
        deleted.push(claim.certificateId);
      } catch (error) {
        // Attached to a thing by someone: the transaction rolled back, the claim stays as it was.
        if (!(error instanceof LocalCloudError && error.code === 'CONFLICT')) throw error;
      }
    }
    after = batch[batch.length - 1];
  }
}
