/**
 * The wait before reconnect number `attempt` (0-based): "full jitter" (AWS Architecture Blog,
 * "Exponential Backoff And Jitter"), a delay drawn uniformly from
 * `[minDelayMs, min(maxDelayMs, minDelayMs × 2^attempt))`, so that a fleet dropped at once by a
 * broker restart never reconnects in lock-step, and never faster than AWS IoT's one CONNECT per
 * second per client id.
 *
 * @param random - uniform in [0, 1).
 */
export function reconnectDelay(
  attempt: number,
  limits: { minDelayMs: number; maxDelayMs: number },
  random: number,
): number {
  const { minDelayMs, maxDelayMs } = limits;
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(attempt, 30));
  return Math.floor(minDelayMs + random * Math.max(0, ceiling - minDelayMs));
}
