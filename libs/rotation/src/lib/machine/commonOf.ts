import { type RotationCommon, type RotationState } from '../state/schemas.js';

/** The fields every phase carries, copied out of `state`. */
export function commonOf(state: RotationState): RotationCommon {
  return {
    version: state.version,
    claim: state.claim,
    attempt: state.attempt,
    nextSlot: state.nextSlot,
    pendingDeletions: state.pendingDeletions,
    clockSynchronized: state.clockSynchronized,
  };
}
