import { T0 } from '../../spec-support/fixtures.js';
import { DEFAULT_BUILD_TIME } from '../config/schemas.js';
import { isClockTrusted } from './isClockTrusted.js';

describe('isClockTrusted', () => {
  it('trusts a synchronised clock after the build time and every notBefore', () => {
    expect(isClockTrusted({ now: T0, synchronized: true, notBefore: [T0 - 1, T0] })).toBe(true);
  });

  it('does not trust a clock that was never synchronised', () => {
    expect(isClockTrusted({ now: T0, synchronized: false })).toBe(false);
  });

  it('does not trust a clock earlier than the build time (a Raspberry Pi without RTC boots in 1970)', () => {
    expect(isClockTrusted({ now: 0, synchronized: true })).toBe(false);
    expect(isClockTrusted({ now: DEFAULT_BUILD_TIME - 1, synchronized: true })).toBe(false);
    expect(
      isClockTrusted({ now: T0, synchronized: true }, { buildTime: T0 + 1, clockSkewMs: 0 }),
    ).toBe(false);
  });

  it("does not trust a clock earlier than a certificate's notBefore by more than the skew", () => {
    expect(isClockTrusted({ now: T0, synchronized: true, notBefore: [T0 + 300_000] })).toBe(true);
    expect(isClockTrusted({ now: T0, synchronized: true, notBefore: [T0 + 300_001] })).toBe(false);
    expect(
      isClockTrusted(
        { now: T0, synchronized: true, notBefore: [T0 + 1] },
        { buildTime: 0, clockSkewMs: 0 },
      ),
    ).toBe(false);
  });
});
