/** AWS REST-JSON timestamps are epoch seconds (fractions allowed); the registry keeps epoch ms. */
export function toEpochSeconds(ms: number): number {
  return ms / 1000;
}
