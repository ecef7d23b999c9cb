import { randomBytes } from 'node:crypto';
import type { CloudContext } from '../context/CloudContext.js';
import { newCertificateRecord } from '../control-plane/newCertificateRecord.js';
import type { CertificateRecord } from '../registry/types.js';
import { commitInGroup } from '../registry/commitInGroup.js';
import { OWNERSHIP_TOKEN_BYTES, OWNERSHIP_TOKEN_LIFETIME_MS } from './constants.js';
import { hashOwnershipToken } from './hashOwnershipToken.js';

/** A certificate the local CA just signed for a fleet-provisioning request. */
export interface SignedCertificate {
  certificateId: string;
  certificatePem: string;
  notBefore: Date;
  notAfter: Date;
}

/**
 * Registers a certificate signed for fleet provisioning as AWS does — PENDING_ACTIVATION, origin
 * `fleet-provisioning` — together with a new certificate ownership token bound to it, valid 1 hour
 * from `ctx.clock`, atomically, and resolves once both are durable (committed with the other
 * requests of the same event-loop turn, see `commitInGroup`). Only the token's SHA-256 is stored.
 *
 * @returns the certificate record and the token (hand it to the device, never log it).
 * @throws {LocalCloudError} `ALREADY_EXISTS` when the certificate is already registered.
 */
export async function issueOwnershipToken(
  ctx: CloudContext,
  signed: SignedCertificate,
): Promise<{ certificate: CertificateRecord; certificateOwnershipToken: string }> {
  const token = randomBytes(OWNERSHIP_TOKEN_BYTES).toString('base64url');
  const now = ctx.clock.now();
  const certificate = await commitInGroup(ctx.registry, () => {
    const record = ctx.registry.insertCertificate(
      newCertificateRecord(ctx, {
        ...signed,
        status: 'PENDING_ACTIVATION',
        certificateMode: 'DEFAULT',
        origin: 'fleet-provisioning',
      }),
    );
    ctx.registry.insertOwnershipToken({
      tokenHash: hashOwnershipToken(token),
      certificateId: record.certificateId,
      createdAt: now,
      expiresAt: now + OWNERSHIP_TOKEN_LIFETIME_MS,
    });
    return record;
  });
  return { certificate, certificateOwnershipToken: token };
}
