import { type RotationConfig } from '../config/schemas.js';
import { type RotationEvent } from '../event/schemas.js';
import { type RotationState } from '../state/schemas.js';
import { clockTrustedFor } from './clockTrustedFor.js';
import { commonOf } from './commonOf.js';
import { failAttempt } from './failAttempt.js';
import { footingOf } from './footingOf.js';
import { enterRecovery } from './enterRecovery.js';
import { isDue } from './isDue.js';
import { judge } from './judge.js';
import { operationOf } from './operationOf.js';
import { reportAction } from './reportAction.js';
import { retry } from './retry.js';
import { type TransitionResult } from './types.js';

/**
 * Time has passed (timer, periodic wake-up, or a newly synchronised clock): re-judge the production
 * credential, fail a step past its deadline, end a wait, notice that the old credential expired.
 * Expiry is only ever judged on a trusted clock.
 */
export function onTick(
  state: RotationState,
  event: RotationEvent,
  config: RotationConfig,
): TransitionResult {
  const now = event.now;
  switch (state.phase) {
    case 'booting':
      return { state, actions: [] };
    case 'operating':
    case 'clockUntrusted':
      return judge(commonOf(state), state.current, now, config, {
        connectedTo: state.current.slot,
        untrustedBefore: state.phase === 'clockUntrusted',
      });
    case 'renewing':
    case 'recovering': {
      if (
        state.phase === 'renewing' &&
        clockTrustedFor(state, state.current, now, config) &&
        now >= state.current.notAfter
      ) {
        return enterRecovery(state, 'expired');
      }
      if (isDue(state.step.deadline, now, config.stepTimeoutMs)) {
        return failAttempt(
          state,
          { operation: operationOf(state.step), reason: 'timeout' },
          event,
          config,
        );
      }
      return { state, actions: [] };
    }
    case 'backoff':
    case 'needsTechnician': {
      const footing = footingOf(state);
      if (
        footing.mode === 'renewal' &&
        clockTrustedFor(state, footing.current, now, config) &&
        now >= footing.current.notAfter
      ) {
        // The old credential died while renewal kept failing: no reason to wait any longer.
        const retried = retry(
          state,
          { mode: 'recovery', current: footing.current },
          now,
          config,
          true,
        );
        return {
          state: retried.state,
          actions: [
            { type: 'disconnectProduction' },
            reportAction(
              'productionDead',
              'Production certificate expired while renewal kept failing: recovering through the claim certificate',
              footing.current.certificateId,
            ),
            ...retried.actions,
          ],
        };
      }
      const maxWait =
        state.phase === 'backoff' ? config.backoffCeilingMs : config.needsTechnicianRetryMs;
      if (isDue(state.retryAt, now, maxWait)) return retry(state, footing, now, config, true);
      return { state, actions: [] };
    }
  }
}
