/** How failed attempts are retried: exponential backoff with full jitter. */
export interface RetryPolicy {
  /** Total tries including the first one; `1` disables retries. */
  readonly attempts: number;
  /** Upper bound of the first backoff, doubled on every further retry. */
  readonly baseDelayMs: number;
  /** Cap of the backoff's upper bound. */
  readonly maxDelayMs: number;
}
