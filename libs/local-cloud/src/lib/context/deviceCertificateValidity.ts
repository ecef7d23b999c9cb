import { DEFAULT_DEVICE_CERTIFICATE_LIFETIME_DAYS, type CloudContext } from './CloudContext.js';

const DAY_MS = 86_400_000;

/**
 * When a device certificate the local CA issues now starts and how long it lives: the configured
 * `deviceCertificateLifetimeDays` (default 365, design 3.3). Fractions of a day are allowed so
 * rotation tests can use lifetimes of seconds; the lifetime is rounded to whole seconds, at least 1 s
 * (X.509 validity has one-second resolution).
 */
export function deviceCertificateValidity(
  ctx: Pick<CloudContext, 'clock' | 'deviceCertificateLifetimeDays'>,
): { now: Date; lifetimeMs: number } {
  const days = ctx.deviceCertificateLifetimeDays ?? DEFAULT_DEVICE_CERTIFICATE_LIFETIME_DAYS;
  return {
    now: new Date(ctx.clock.now()),
    lifetimeMs: Math.max(1000, Math.round((days * DAY_MS) / 1000) * 1000),
  };
}
