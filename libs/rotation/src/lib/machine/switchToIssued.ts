import { type RotationAction } from '../action/schemas.js';
import { type RotationCommon, type RotationStep } from '../state/schemas.js';
import { inFlight } from './inFlight.js';
import { type Footing, type TransitionResult } from './types.js';

/**
 * Moves from `registeringThing` to `switching` to the certificate that step holds (its slot): the
 * claim connection closes, then production connects with the new certificate. `report` goes
 * between the two (defaults to nothing).
 */
export function switchToIssued(
  common: RotationCommon,
  footing: Footing,
  step: Extract<RotationStep, { name: 'registeringThing' }>,
  deadline: number,
  report: readonly RotationAction[] = [],
): TransitionResult {
  const next = {
    certificateId: step.issued.certificateId,
    notBefore: step.issued.notBefore,
    notAfter: step.issued.notAfter,
    slot: step.slot,
  };
  return {
    state: inFlight(common, footing, { name: 'switching', next, deadline }),
    actions: [
      { type: 'disconnectClaim' },
      ...report,
      { type: 'connectProduction', slot: next.slot },
    ],
  };
}
