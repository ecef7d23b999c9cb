import { DEFAULT_DEVICE_CERTIFICATE_LIFETIME_DAYS, type CloudContext } from './CloudContext.js';

/**
 * Validity of a device certificate the local CA issues now (CreateKeysAndCertificate,
 * CreateCertificateFromCsr, over the control plane or fleet provisioning): starts at the cloud's
 * clock, lasts `ctx.deviceCertificateLifetimeDays` (365 days by default, design 3.3).
 */
export function deviceCertificateValidity(
  ctx: Pick<CloudContext, 'clock' | 'deviceCertificateLifetimeDays'>,
): { now: Date; lifetimeDays: number } {
  return {
    now: new Date(ctx.clock.now()),
    lifetimeDays: ctx.deviceCertificateLifetimeDays ?? DEFAULT_DEVICE_CERTIFICATE_LIFETIME_DAYS,
  };
}
