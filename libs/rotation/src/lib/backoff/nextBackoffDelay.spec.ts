import { resolveRotationConfig } from '../config/resolveRotationConfig.js';
import { DEFAULT_ROTATION_CONFIG } from '../config/schemas.js';
import { RotationError } from '../errors/RotationError.js';
import { nextBackoffDelay } from './nextBackoffDelay.js';

describe('nextBackoffDelay', () => {
  const config = DEFAULT_ROTATION_CONFIG;

  it('grows by the factor with a fixed random until the ceiling', () => {
    const delays = Array.from({ length: 12 }, (_, i) => nextBackoffDelay(i + 1, config, 0.5));
    // window = min(1 h, 5 s × 2^attempt); delay = 5 s + 0.5 × (window − 5 s)
    expect(delays).toEqual([
      7_500, 12_500, 22_500, 42_500, 82_500, 162_500, 322_500, 642_500, 1_282_500, 1_802_500,
      1_802_500, 1_802_500,
    ]);
  });

  it('never exceeds the ceiling nor goes below the base, whatever the random', () => {
    for (const attempt of [1, 2, 5, 10, 50, 1_000, 100_000]) {
      for (const random of [0, 0.25, 0.999_999]) {
        const delay = nextBackoffDelay(attempt, config, random);
        expect(delay).toBeGreaterThanOrEqual(config.backoffBaseMs);
        expect(delay).toBeLessThanOrEqual(config.backoffCeilingMs);
      }
    }
    expect(nextBackoffDelay(100_000, config, 0)).toBe(5_000);
    expect(nextBackoffDelay(100_000, config, 0.999_999)).toBe(3_599_996);
  });

  it('spreads retries of the same attempt over the window (jitter)', () => {
    expect(nextBackoffDelay(3, config, 0)).toBe(5_000);
    expect(nextBackoffDelay(3, config, 0.9)).toBe(36_500);
  });

  it('honours a custom configuration', () => {
    const custom = resolveRotationConfig({
      backoffBaseMs: 1_000,
      backoffFactor: 3,
      backoffCeilingMs: 20_000,
    });
    expect([1, 2, 3, 4].map((a) => nextBackoffDelay(a, custom, 0.5))).toEqual([
      2_000, 5_000, 10_500, 10_500,
    ]);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects attempt %p', (attempt) => {
    expect(() => nextBackoffDelay(attempt, config, 0.5)).toThrow(
      new RotationError(
        'INVALID_ARGUMENT',
        `Unexpected attempt ${attempt}, expected an integer >= 1`,
      ),
    );
  });

  it.each([-0.1, 1, 2, Number.NaN])('rejects random %p', (random) => {
    expect(() => nextBackoffDelay(1, config, random)).toThrow(/expected a number in \[0, 1\)/);
  });
});
