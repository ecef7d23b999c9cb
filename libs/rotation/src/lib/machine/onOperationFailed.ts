import { type RotationConfig } from '../config/schemas.js';
import { type RotationEvent } from '../event/schemas.js';
import { type RotationState } from '../state/schemas.js';
import { commonOf } from './commonOf.js';
import { enterRecovery } from './enterRecovery.js';
import { failAttempt } from './failAttempt.js';
import { footingOf } from './footingOf.js';
import { isDefinitive } from './isDefinitive.js';
import { operationOf } from './operationOf.js';
import { reportAction } from './reportAction.js';
import { retry } from './retry.js';
import { startAttempt } from './startAttempt.js';
import { stepSlot } from './stepSlot.js';
import { type TransitionResult } from './types.js';

type FailureEvent = Extract<RotationEvent, { type: 'operationFailed' }>;

/**
 * An operation failed. A refused production credential starts (or turns a renewal into) a recovery;
 * a failure of the step in flight fails the attempt; anything else (late, other slot, a failed
 * deletion that stays pending) changes nothing.
 */
export function onOperationFailed(
  state: RotationState,
  event: FailureEvent,
  config: RotationConfig,
): TransitionResult {
  const unchanged = { state, actions: [] };
  const failure = {
    operation: event.operation,
    reason: event.reason,
    ...(event.errorCode === undefined ? {} : { errorCode: event.errorCode }),
    ...(event.message === undefined ? {} : { message: event.message }),
  };
  const currentRefused =
    event.operation === 'connectProduction' &&
    isDefinitive(event.reason) &&
    state.current !== null &&
    state.current.slot === event.slot;
  const why = `refused (${event.reason})`;

  switch (state.phase) {
    case 'booting':
      return unchanged;
    case 'operating':
    case 'clockUntrusted': {
      // A refusal is the broker's verdict, not the clock's: recover even on an untrusted clock.
      if (!currentRefused) return unchanged;
      const attempt = startAttempt(
        commonOf(state),
        { mode: 'recovery', current: state.current },
        event.now,
        config,
      );
      return {
        state: attempt.state,
        actions: [
          { type: 'disconnectProduction' },
          reportAction(
            'productionDead',
            `Production certificate ${why}: recovering through the claim certificate`,
            state.current.certificateId,
          ),
          ...attempt.actions,
        ],
      };
    }
    case 'renewing':
    case 'recovering': {
      const step = state.step;
      if (event.operation === operationOf(step) && event.slot === stepSlot(step)) {
        return failAttempt(state, failure, event, config);
      }
      // A commit in flight also dies with the connection that carries it.
      if (
        step.name === 'committing' &&
        event.operation === 'connectProduction' &&
        event.slot === step.next.slot
      ) {
        return failAttempt(state, failure, event, config);
      }
      if (state.phase === 'renewing' && currentRefused) return enterRecovery(state, why);
      return unchanged;
    }
    case 'backoff':
    case 'needsTechnician': {
      const footing = footingOf(state);
      if (footing.mode !== 'renewal' || !currentRefused) return unchanged;
      const retried = retry(
        state,
        { mode: 'recovery', current: footing.current },
        event.now,
        config,
        true,
      );
      return {
        state: retried.state,
        actions: [
          { type: 'disconnectProduction' },
          reportAction(
            'productionDead',
            `Production certificate ${why} while renewal kept failing: recovering through the claim certificate`,
            footing.current.certificateId,
          ),
          ...retried.actions,
        ],
      };
    }
  }
}
