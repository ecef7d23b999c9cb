import { deviceCertificateValidity } from './deviceCertificateValidity.js';

const clock = { now: () => Date.UTC(2026, 10, 22) };

describe('deviceCertificateValidity', () => {
  it('defaults to 365 days from now (design 3.3)', () => {
    expect(deviceCertificateValidity({ clock })).toEqual({
      now: new Date(Date.UTC(2026, 10, 22)),
      lifetimeMs: 365 * 86_400_000,
    });
  });

  it('takes fractions of a day, rounded to whole seconds, for rotation tests', () => {
    expect(
      deviceCertificateValidity({ clock, deviceCertificateLifetimeDays: 40 / 86_400 }).lifetimeMs,
    ).toBe(40_000);
    expect(
      deviceCertificateValidity({ clock, deviceCertificateLifetimeDays: 0.0000001 }).lifetimeMs,
    ).toBe(1000);
  });
});
