/** Prefix of the slots this machine names; `slotNumber` parses it back. */
export const SLOT_PREFIX = 'production-';

/** The slot of attempt number `n`: `production-<n>`. */
export function slotName(n: number): string {
  return `${SLOT_PREFIX}${n}`;
}
