import { sleep } from './sleep.js';

describe('sleep', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves after the delay', async () => {
    let done = false;
    void sleep(1_000).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('resolves early and clears its timer when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = sleep(30_000, controller.signal);
    expect(jest.getTimerCount()).toBe(1);
    controller.abort();
    await pending;
    expect(jest.getTimerCount()).toBe(0);
  });
});
