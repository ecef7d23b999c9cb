import { createPublishThrottle } from './createPublishThrottle.js';

describe('createPublishThrottle', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  /** A throttle of 5 s (200 ms when urgent) recording each publish as ms since the start. */
  function start() {
    const published: number[] = [];
    const clock = { now: () => Date.now() };
    const throttle = createPublishThrottle({
      clock,
      minIntervalMs: 5_000,
      urgentMinIntervalMs: 200,
      publish: () => published.push(clock.now() - 1_000_000),
    });
    return { published, throttle };
  }

  it('publishes urgent changes at once, folds minor ones into one trailing publish per interval', () => {
    const { published, throttle } = start();
    throttle.request(true);
    expect(published).toEqual([0]);
    for (let i = 0; i < 40; i += 1) {
      jest.advanceTimersByTime(100);
      throttle.request(false);
    }
    expect(published).toEqual([0]);
    jest.advanceTimersByTime(1_000);
    expect(published).toEqual([0, 5_000]);
    throttle.request(true);
    expect(published).toEqual([0, 5_000]);
    jest.advanceTimersByTime(200);
    expect(published).toEqual([0, 5_000, 5_200]);
    throttle.request(false);
    throttle.cancel();
    jest.advanceTimersByTime(10_000);
    expect(published).toEqual([0, 5_000, 5_200]);
  });

  it('an urgent request brings a pending minor publish forward', () => {
    const { published, throttle } = start();
    throttle.flush();
    throttle.request(false);
    jest.advanceTimersByTime(1_000);
    throttle.request(true);
    expect(published).toEqual([0, 1_000]);
    jest.advanceTimersByTime(10_000);
    expect(published).toEqual([0, 1_000]);
  });

  it('hurry sends a pending publish now and does nothing when none is pending', () => {
    const { published, throttle } = start();
    throttle.hurry();
    expect(published).toEqual([]);
    throttle.request(true);
    jest.advanceTimersByTime(50);
    // A command's state change 50 ms after the last status: pending for 150 ms, hurried out.
    throttle.request(true);
    expect(published).toEqual([0]);
    throttle.hurry();
    expect(published).toEqual([0, 50]);
    jest.advanceTimersByTime(1_000);
    expect(published).toEqual([0, 50]);
  });
});
