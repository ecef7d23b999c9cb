import type { Clock } from './Clock.js';

/** The real clock (`Date.now()`). */
export const systemClock: Clock = { now: () => Date.now() };
