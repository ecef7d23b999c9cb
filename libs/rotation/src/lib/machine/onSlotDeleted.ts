import { type RotationState } from '../state/schemas.js';
import { type TransitionResult } from './types.js';

/** The daemon deleted a slot's files: forget the pending deletion. */
export function onSlotDeleted(state: RotationState, slot: string): TransitionResult {
  if (!state.pendingDeletions.some((d) => d.slot === slot)) return { state, actions: [] };
  return {
    state: { ...state, pendingDeletions: state.pendingDeletions.filter((d) => d.slot !== slot) },
    actions: [],
  };
}
