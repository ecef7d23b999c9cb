/** Limits CONNECT attempts per client id. */
export interface ConnectThrottle {
  /**
   * Records a CONNECT for `clientId`; false (and not recorded) when the previous admitted one was
   * less than the interval ago.
   */
  attempt(clientId: string): boolean;
}

// Entries are swept once the map grows past this many (old ones are useless after the interval).
const SWEEP_AT = 10_000;

/**
 * AWS IoT accepts at most one CONNECT per second per client id (AWS General Reference, "AWS IoT
 * Core endpoints and quotas": connect requests per second per client ID). A refused attempt does
 * not count, so a client retrying at one-second intervals is never locked out. Never throws.
 *
 * @param options.intervalMs - Defaults to `1000`.
 * @param options.now - Epoch ms (the injected clock).
 */
export function createConnectThrottle(options: {
  readonly intervalMs?: number;
  readonly now: () => number;
}): ConnectThrottle {
  const intervalMs = options.intervalMs ?? 1000;
  const last = new Map<string, number>();
  return {
    attempt(clientId) {
      const time = options.now();
      if (last.size >= SWEEP_AT) {
        for (const [id, at] of last) {
          if (time - at >= intervalMs) {
            last.delete(id);
          }
        }
      }
      const previous = last.get(clientId);
      if (previous !== undefined && time - previous < intervalMs) {
        return false;
      }
      last.set(clientId, time);
      return true;
    },
  };
}
