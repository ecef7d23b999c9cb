import { type RotationAction } from '../action/schemas.js';
import { type RotationConfig } from '../config/schemas.js';
import { type Resume } from '../state/schemas.js';
import { commonOf } from './commonOf.js';
import { inFlight } from './inFlight.js';
import { startAttempt } from './startAttempt.js';
import { type Footing, type TransitionResult, type WaitingState } from './types.js';

/**
 * The wait is over: start a new attempt, or switch again to the registered certificate kept from the
 * last one. `productionOnCurrent` says whether a renewal's production connection is still open on the
 * old certificate (false after a restart).
 */
export function retry(
  state: WaitingState,
  footing: Footing,
  now: number,
  config: RotationConfig,
  productionOnCurrent: boolean,
): TransitionResult {
  const resume: Resume = state.phase === 'backoff' ? state.resume : { kind: 'startOver' };
  const common = commonOf(state);
  switch (resume.kind) {
    case 'startOver': {
      const attempt = startAttempt(common, footing, now, config);
      const reconnect: RotationAction[] =
        footing.mode === 'renewal' && !productionOnCurrent
          ? [{ type: 'connectProduction', slot: footing.current.slot }]
          : [];
      return { state: attempt.state, actions: [...reconnect, ...attempt.actions] };
    }
    case 'switch':
      return {
        state: inFlight(common, footing, {
          name: 'switching',
          next: resume.next,
          deadline: now + config.stepTimeoutMs,
        }),
        actions: [{ type: 'connectProduction', slot: resume.next.slot }],
      };
  }
}
