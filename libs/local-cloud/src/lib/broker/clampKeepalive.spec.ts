import { clampKeepalive } from './clampKeepalive.js';

describe('clampKeepalive', () => {
  it.each([
    [0, 1200],
    [undefined, 1200],
    [1, 30],
    [29, 30],
    [30, 30],
    [60, 60],
    [1200, 1200],
    [1201, 1200],
    [65_535, 1200],
  ])('clamps %p to %p seconds as AWS IoT does', (requested, expected) => {
    expect(clampKeepalive(requested)).toBe(expected);
  });

  it('honours configured limits', () => {
    const limits = { minSeconds: 1, maxSeconds: 10 };
    expect(clampKeepalive(0, limits)).toBe(10);
    expect(clampKeepalive(1, limits)).toBe(1);
    expect(clampKeepalive(11, limits)).toBe(10);
  });
});
