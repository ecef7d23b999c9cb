/**
 * A small seeded random source (mulberry32): uniform in [0, 1), the same sequence for the same
 * seed. Gives each simulated robot of a fleet its own repeatable behaviour, e.g.
 * `createSeededRandom(index + 1)`. Not for anything secret.
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
