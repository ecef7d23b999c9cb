import { type RotationStep } from '../state/schemas.js';

/** The slot a step's events must name (the attempt's slot, or the new credential's). */
export function stepSlot(step: RotationStep): string {
  return 'next' in step ? step.next.slot : step.slot;
}
