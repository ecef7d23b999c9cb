import { withRetry, type WithRetryOptions } from './withRetry.js';

function options(
  overrides: Partial<WithRetryOptions> = {},
): WithRetryOptions & { waits: number[] } {
  const waits: number[] = [];
  return {
    policy: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 },
    random: () => 0.5,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    signal: new AbortController().signal,
    abortError: () => new Error('aborted'),
    canRetry: () => true,
    waits,
    ...overrides,
  };
}

describe('withRetry', () => {
  it('retries until the task succeeds, waiting a growing backoff', async () => {
    let calls = 0;
    const opts = options();
    const result = await withRetry(() => {
      calls += 1;
      return calls < 3 ? Promise.reject(new Error(`fail ${calls}`)) : Promise.resolve('ok');
    }, opts);
    expect(result).toBe('ok');
    expect(opts.waits).toEqual([50, 100]);
  });

  it('gives up after policy.attempts tries with the last error', async () => {
    let calls = 0;
    const opts = options();
    await expect(
      withRetry(() => {
        calls += 1;
        return Promise.reject(new Error(`fail ${calls}`));
      }, opts),
    ).rejects.toThrow('fail 4');
    expect(opts.waits).toEqual([50, 100, 200]);
  });

  it('stops when canRetry says no, passing it the planned delay', async () => {
    const seen: number[] = [];
    const opts = options({
      canRetry: (_error, delayMs) => {
        seen.push(delayMs);
        return false;
      },
    });
    await expect(withRetry(() => Promise.reject(new Error('no')), opts)).rejects.toThrow('no');
    expect(seen).toEqual([50]);
    expect(opts.waits).toEqual([]);
  });

  it('ends a backoff at once when the signal aborts, even if sleep ignores it', async () => {
    const controller = new AbortController();
    const opts = options({
      signal: controller.signal,
      sleep: () => new Promise<void>(() => undefined),
    });
    const pending = withRetry(() => Promise.reject(new Error('fail')), opts);
    await Promise.resolve();
    controller.abort();
    await expect(pending).rejects.toThrow('aborted');
  });
});
