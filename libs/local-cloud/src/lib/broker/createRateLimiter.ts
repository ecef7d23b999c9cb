/** Why a publish was refused by a {@link RateLimiter}. */
export type RateLimitVerdict = 'ok' | 'messages' | 'bytes';

/** Per-connection inbound publish limits. */
export interface RateLimiter {
  /** Accounts one publish of `bytes` payload bytes; says which limit it exceeds, if any. */
  take(bytes: number): RateLimitVerdict;
}

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Publishes per second. */
  readonly messagesPerSecond: number;
  /** Payload bytes per second. */
  readonly bytesPerSecond: number;
  /** Epoch ms (the injected clock). */
  readonly now: () => number;
}

/**
 * Two token buckets (publishes and bytes) refilled continuously, each holding at most one
 * second's worth, as AWS IoT's per-connection quotas ("Publish requests per second per
 * connection", "Throughput per connection") are per-second rates. A refused publish consumes
 * nothing. Never throws.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { messagesPerSecond, bytesPerSecond, now } = options;
  let messages = messagesPerSecond;
  let bytes = bytesPerSecond;
  let last = now();
  return {
    take(size) {
      const time = now();
      const elapsed = time - last;
      if (elapsed > 0) {
        messages = Math.min(messagesPerSecond, messages + (elapsed * messagesPerSecond) / 1000);
        bytes = Math.min(bytesPerSecond, bytes + (elapsed * bytesPerSecond) / 1000);
        last = time;
      }
      if (messages < 1) {
        return 'messages';
      }
      if (bytes < size) {
        return 'bytes';
      }
      messages -= 1;
      bytes -= size;
      return 'ok';
    },
  };
}
