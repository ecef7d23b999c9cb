import { computeBackoffDelay } from './computeBackoffDelay.js';

describe('computeBackoffDelay', () => {
  const policy = { baseDelayMs: 1_000, maxDelayMs: 30_000 };

  it('doubles the upper bound on every retry (full jitter scales it)', () => {
    const delays = [1, 2, 3, 4, 5].map((retry) => computeBackoffDelay(retry, policy, () => 0.5));
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000]);
  });

  it('caps the upper bound at maxDelayMs', () => {
    expect(computeBackoffDelay(10, policy, () => 0.999_999)).toBe(29_999);
    expect(computeBackoffDelay(50, policy, () => 0.5)).toBe(15_000);
  });

  it('can draw zero (full jitter spans [0, ceiling))', () => {
    expect(computeBackoffDelay(3, policy, () => 0)).toBe(0);
  });
});
