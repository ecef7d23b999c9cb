import { createConnectThrottle } from './createConnectThrottle.js';

describe('createConnectThrottle', () => {
  it('allows one CONNECT per second per client id', () => {
    let time = 0;
    const throttle = createConnectThrottle({ now: () => time });
    expect(throttle.attempt('AMR-001')).toBe(true);
    expect(throttle.attempt('AMR-002')).toBe(true);
    time = 999;
    expect(throttle.attempt('AMR-001')).toBe(false);
    time = 1000;
    // The refused attempt at 999 did not restart the second.
    expect(throttle.attempt('AMR-001')).toBe(true);
    expect(throttle.attempt('AMR-002')).toBe(true);
    time = 1999;
    expect(throttle.attempt('AMR-001')).toBe(false);
  });

  it('honours a configured interval and forgets old entries', () => {
    let time = 0;
    const throttle = createConnectThrottle({ intervalMs: 0, now: () => time });
    expect(throttle.attempt('a')).toBe(true);
    expect(throttle.attempt('a')).toBe(true);
    const slow = createConnectThrottle({ intervalMs: 10, now: () => time });
    for (let i = 0; i < 10_001; i += 1) {
      slow.attempt(`client-${i}`);
    }
    time = 20;
    expect(slow.attempt('client-0')).toBe(true);
    expect(slow.attempt('client-0')).toBe(false);
  });
});
