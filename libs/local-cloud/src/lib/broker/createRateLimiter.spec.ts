import { createRateLimiter } from './createRateLimiter.js';

describe('createRateLimiter', () => {
  const clock = (): { now: () => number; advance: (ms: number) => void } => {
    let time = 1_700_000_000_000;
    return { now: () => time, advance: (ms) => void (time += ms) };
  };

  it('allows a second of publishes at once, then refuses until tokens refill', () => {
    const time = clock();
    const limiter = createRateLimiter({
      messagesPerSecond: 100,
      bytesPerSecond: 1e9,
      now: time.now,
    });
    for (let i = 0; i < 100; i += 1) {
      expect(limiter.take(10)).toBe('ok');
    }
    expect(limiter.take(10)).toBe('messages');
    time.advance(10);
    expect(limiter.take(10)).toBe('ok');
    expect(limiter.take(10)).toBe('messages');
    time.advance(1000);
    for (let i = 0; i < 100; i += 1) {
      expect(limiter.take(10)).toBe('ok');
    }
    expect(limiter.take(10)).toBe('messages');
  });

  it('limits payload bytes per second', () => {
    const time = clock();
    const limiter = createRateLimiter({
      messagesPerSecond: 1000,
      bytesPerSecond: 1000,
      now: time.now,
    });
    expect(limiter.take(600)).toBe('ok');
    expect(limiter.take(600)).toBe('bytes');
    expect(limiter.take(400)).toBe('ok');
    time.advance(500);
    expect(limiter.take(500)).toBe('ok');
    expect(limiter.take(1)).toBe('bytes');
  });

  it('does not charge a refused publish', () => {
    const time = clock();
    const limiter = createRateLimiter({ messagesPerSecond: 2, bytesPerSecond: 100, now: time.now });
    expect(limiter.take(200)).toBe('bytes');
    expect(limiter.take(50)).toBe('ok');
    expect(limiter.take(50)).toBe('ok');
    expect(limiter.take(0)).toBe('messages');
  });
});
