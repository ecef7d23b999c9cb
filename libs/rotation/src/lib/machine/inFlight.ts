import { type RotationCommon, type RotationState, type RotationStep } from '../state/schemas.js';
import { type Footing } from './types.js';

/** `renewing` or `recovering` (after the footing) with `step` in flight. */
export function inFlight(
  common: RotationCommon,
  footing: Footing,
  step: RotationStep,
): RotationState {
  return footing.mode === 'renewal'
    ? { ...common, phase: 'renewing', current: footing.current, step }
    : { ...common, phase: 'recovering', current: footing.current, step };
}
