import { reconnectDelay } from './reconnectDelay.js';

const limits = { minDelayMs: 1_000, maxDelayMs: 300_000 };

describe('reconnectDelay', () => {
  it('draws from [floor, floor × 2^attempt) and never exceeds the cap', () => {
    expect(reconnectDelay(0, limits, 0.99)).toBe(1_000);
    expect(reconnectDelay(3, limits, 0)).toBe(1_000);
    expect(reconnectDelay(3, limits, 0.5)).toBe(4_500);
    expect(reconnectDelay(40, limits, 0.999_999)).toBeLessThan(300_000);
    expect(reconnectDelay(40, limits, 0.999_999)).toBeGreaterThan(299_000);
  });

  it('spreads a fleet: different random draws give different delays', () => {
    const delays = new Set([0.1, 0.3, 0.5, 0.7, 0.9].map((r) => reconnectDelay(8, limits, r)));
    expect(delays.size).toBe(5);
  });
});
