import { type RotationState } from './schemas.js';
import { slotsInUse } from './slotsInUse.js';

/**
 * Every slot the state refers to: the slots in use (claim, current, the attempt in flight, a registered
 * certificate waiting to be switched to) followed by the slots pending deletion. On start-up the daemon
 * may delete any slot directory not in this list: persist-before-act guarantees every slot with files
 * was named in the state before its files were written.
 */
export function referencedSlots(state: RotationState): string[] {
  return [...slotsInUse(state), ...state.pendingDeletions.map((d) => d.slot)];
}
