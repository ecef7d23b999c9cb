import type { RetryPolicy } from './types.js';

/**
 * The wait before retry number `retry` (1 for the first retry): "full jitter", a uniform draw in
 * `[0, min(maxDelayMs, baseDelayMs * 2^(retry - 1)))` (AWS Architecture Blog, "Exponential Backoff
 * And Jitter"), so a fleet that failed together does not retry together.
 *
 * @param random - a source of numbers in `[0, 1)`, e.g. `Math.random`.
 */
export function computeBackoffDelay(
  retry: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}
