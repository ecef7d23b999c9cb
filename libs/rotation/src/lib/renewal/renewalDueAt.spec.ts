import { DAY, T0, YEAR } from '../../spec-support/fixtures.js';
import { resolveRotationConfig } from '../config/resolveRotationConfig.js';
import { isRenewalDue } from './isRenewalDue.js';
import { renewalDueAt } from './renewalDueAt.js';

describe('renewalDueAt / isRenewalDue', () => {
  it('is 30 days before expiry for a 1-year certificate', () => {
    const cert = { notBefore: T0, notAfter: T0 + YEAR };
    expect(renewalDueAt(cert)).toBe(T0 + YEAR - 30 * DAY);
    expect(isRenewalDue(cert, T0 + YEAR - 30 * DAY - 1)).toBe(false);
    expect(isRenewalDue(cert, T0 + YEAR - 30 * DAY)).toBe(true);
  });

  it('is due by age before expiry for an AWS-signed certificate valid until 2049', () => {
    const cert = { notBefore: T0, notAfter: Date.UTC(2049, 11, 31, 23, 59, 59) };
    expect(renewalDueAt(cert)).toBe(T0 + 365 * DAY - 30 * DAY);
    expect(isRenewalDue(cert, T0 + 334 * DAY)).toBe(false);
    expect(isRenewalDue(cert, T0 + 335 * DAY)).toBe(true);
  });

  it('takes whichever of expiry and age comes first', () => {
    const config = resolveRotationConfig({ leadTimeMs: 10 * DAY, maxAgeMs: 100 * DAY });
    expect(renewalDueAt({ notBefore: T0, notAfter: T0 + 60 * DAY }, config)).toBe(T0 + 50 * DAY);
    expect(renewalDueAt({ notBefore: T0, notAfter: T0 + 200 * DAY }, config)).toBe(T0 + 90 * DAY);
  });

  it('never falls before half the usable life, so short certificates do not renew in a loop', () => {
    const oneHour = { notBefore: T0, notAfter: T0 + 3_600_000 };
    expect(renewalDueAt(oneHour)).toBe(T0 + 1_800_000);
    expect(isRenewalDue(oneHour, T0)).toBe(false);
  });
});
