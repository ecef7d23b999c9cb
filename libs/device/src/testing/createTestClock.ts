/** A wall clock tests move forward (shared by the local cloud and the device). */
export interface TestClock {
  now(): number;
  /** Jump forward by `ms`. */
  advance(ms: number): void;
}

/** The real time plus an offset that `advance` grows. */
export function createTestClock(): TestClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms) {
      offset += ms;
    },
  };
}
