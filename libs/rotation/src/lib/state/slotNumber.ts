import { SLOT_PREFIX } from './slotName.js';

/** The attempt number of a slot named like `production-<n>`, or `undefined`. */
export function slotNumber(slot: string): number | undefined {
  if (!slot.startsWith(SLOT_PREFIX)) return undefined;
  const digits = slot.slice(SLOT_PREFIX.length);
  return /^\d{1,15}$/.test(digits) ? Number(digits) : undefined;
}
