import { type RotationAction } from '../action/schemas.js';
import { type RotationState } from '../state/schemas.js';
import { reportAction } from './reportAction.js';
import { type TransitionResult } from './types.js';

/**
 * The production credential died while a renewal was in flight: carry on with the same step as a
 * recovery. The production connection is closed unless it already moved to the new certificate.
 */
export function enterRecovery(
  state: Extract<RotationState, { phase: 'renewing' }>,
  why: string,
): TransitionResult {
  const productionOnOld = state.step.name !== 'switching' && state.step.name !== 'committing';
  const actions: RotationAction[] = productionOnOld ? [{ type: 'disconnectProduction' }] : [];
  return {
    state: { ...state, phase: 'recovering' },
    actions: [
      ...actions,
      reportAction(
        'productionDead',
        `Production certificate ${why} during renewal: continuing as recovery`,
        state.current.certificateId,
      ),
    ],
  };
}
