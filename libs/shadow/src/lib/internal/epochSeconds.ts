/** Epoch seconds (the unit of every shadow timestamp) from epoch milliseconds. */
export function epochSeconds(nowMs: number): number {
  return Math.floor(nowMs / 1000);
}
