import type { CertificateRecord } from '../registry/types.js';

/**
 * Why a registered client certificate may not connect at `now`, or `undefined` when it may: only
 * ACTIVE certificates connect (AWS IoT API reference, UpdateCertificate; AWS IoT Developer Guide,
 * "Activate or deactivate a client certificate"), within their X.509 validity, and a
 * CreateProvisioningClaim certificate only until its expiration. Never throws.
 */
export function certificateProblem(record: CertificateRecord, now: number): string | undefined {
  const id = record.certificateId;
  if (record.status !== 'ACTIVE') {
    return `Certificate ${id} is ${record.status}, expected ACTIVE`;
  }
  if (
    record.origin === 'provisioning-claim' &&
    record.expiresAt !== undefined &&
    now >= record.expiresAt
  ) {
    return `Provisioning claim certificate ${id} expired at ${new Date(record.expiresAt).toISOString()}`;
  }
  if (now < record.notBefore || now > record.notAfter) {
    return `Certificate ${id} is not valid at ${new Date(now).toISOString()}, expected a time between ${new Date(record.notBefore).toISOString()} and ${new Date(record.notAfter).toISOString()}`;
  }
  return undefined;
}
