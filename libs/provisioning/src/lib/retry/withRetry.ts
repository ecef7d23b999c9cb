import { computeBackoffDelay } from './computeBackoffDelay.js';
import type { RetryPolicy } from './types.js';

/** What {@link withRetry} needs besides the task. */
export interface WithRetryOptions {
  readonly policy: RetryPolicy;
  readonly random: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Aborting it ends a backoff at once with `abortError()`. */
  readonly signal: AbortSignal;
  readonly abortError: () => Error;
  /** Whether `error` may be retried after waiting `delayMs`. */
  readonly canRetry: (error: unknown, delayMs: number) => boolean;
}

/**
 * Runs `task` until it resolves, `policy.attempts` tries are used up or `canRetry` says no, waiting
 * a full-jitter exponential backoff between tries. Rejects with the last try's error.
 */
export async function withRetry<T>(task: () => Promise<T>, options: WithRetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task();
    } catch (error) {
      if (attempt >= options.policy.attempts) {
        throw error;
      }
      const delayMs = computeBackoffDelay(attempt, options.policy, options.random);
      if (!options.canRetry(error, delayMs)) {
        throw error;
      }
      await backoff(delayMs, options);
    }
  }
}

function backoff(delayMs: number, options: WithRetryOptions): Promise<void> {
  const { signal } = options;
  if (signal.aborted) {
    return Promise.reject(options.abortError());
  }
  return new Promise<void>((resolve, reject) => {
    // An injected sleep may ignore the signal; the abort listener still ends the wait at once.
    const onAbort = (): void => reject(options.abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    options.sleep(delayMs, signal).then(
      () => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) {
          reject(options.abortError());
        } else {
          resolve();
        }
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) {
          reject(options.abortError());
        } else {
          reject(error instanceof Error ? error : new Error(`sleep failed: ${String(error)}`));
        }
      },
    );
  });
}
