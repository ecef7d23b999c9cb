/** Where the local cloud reads the time. Injected so that expiry and rate limits can be tested with fake time. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}
