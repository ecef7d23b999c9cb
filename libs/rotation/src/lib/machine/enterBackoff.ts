import { type RotationAction } from '../action/schemas.js';
import { nextBackoffDelay } from '../backoff/nextBackoffDelay.js';
import { type RotationConfig } from '../config/schemas.js';
import { type RotationEvent } from '../event/schemas.js';
import { type LastFailure, type Resume, type RotationCommon } from '../state/schemas.js';
import { reportAction } from './reportAction.js';
import { type Footing, type TransitionResult } from './types.js';

/** Counts a failed attempt and waits a jittered, growing delay before `resume`. */
export function enterBackoff(
  common: RotationCommon,
  footing: Footing,
  resume: Resume,
  lastFailure: LastFailure,
  event: RotationEvent,
  config: RotationConfig,
  actions: readonly RotationAction[],
): TransitionResult {
  const attempt = common.attempt + 1;
  const delay = nextBackoffDelay(attempt, config, event.random);
  const waiting = {
    ...common,
    attempt,
    phase: 'backoff' as const,
    resume,
    retryAt: event.now + delay,
    lastFailure,
  };
  return {
    state:
      footing.mode === 'renewal'
        ? { ...waiting, mode: 'renewal', current: footing.current }
        : { ...waiting, mode: 'recovery', current: footing.current },
    actions: [
      ...actions,
      reportAction(
        'attemptFailed',
        `${footing.mode === 'renewal' ? 'Renewal' : 'Recovery'} attempt ${attempt} failed at ` +
          `${lastFailure.operation} (${lastFailure.reason}${lastFailure.errorCode === undefined ? '' : ` ${lastFailure.errorCode}`}); ` +
          `retrying in ${Math.round(delay / 1000)} s`,
      ),
    ],
  };
}
