import { type RotationAction } from '../action/schemas.js';
import { type RotationConfig } from '../config/schemas.js';
import { type FailureReason, type RotationEvent } from '../event/schemas.js';
import { type LastFailure } from '../state/schemas.js';
import { commonOf } from './commonOf.js';
import { completeRotation } from './completeRotation.js';
import { enterBackoff } from './enterBackoff.js';
import { enterNeedsTechnician } from './enterNeedsTechnician.js';
import { footingOf } from './footingOf.js';
import { isDefinitive } from './isDefinitive.js';
import { reportAction } from './reportAction.js';
import { scheduleDeletion } from './scheduleDeletion.js';
import { type InFlightState, type TransitionResult } from './types.js';

/**
 * The step in flight failed. Before registration: drop the attempt's slot and back off. Claim refused:
 * `needsTechnician`. New certificate refused: drop it, roll back to the old one, back off. New
 * certificate not reachable or commit not accepted: roll back to the old one and later switch to the
 * same new certificate again; in recovery (no old one to go back to) a commit that is not accepted is
 * skipped, since the new certificate is proven to connect.
 */
export function failAttempt(
  state: InFlightState,
  failure: Omit<LastFailure, 'at' | 'reason'> & { reason: FailureReason },
  event: RotationEvent,
  config: RotationConfig,
): TransitionResult {
  const footing = footingOf(state);
  const lastFailure: LastFailure = { ...failure, at: event.now };
  const definitive = isDefinitive(failure.reason);
  const step = state.step;
  let common = commonOf(state);
  const rollback: RotationAction[] =
    footing.mode === 'renewal'
      ? [
          { type: 'connectProduction', slot: footing.current.slot },
          reportAction(
            'rolledBack',
            'Back on the old production certificate',
            footing.current.certificateId,
          ),
        ]
      : [{ type: 'disconnectProduction' }];

  switch (step.name) {
    case 'generatingKey':
    case 'connectingClaim':
    case 'requestingCertificate':
    case 'registeringThing': {
      const deletion = scheduleDeletion(common, step.slot, 'abandoned');
      common = deletion.common;
      const claimOpen: RotationAction[] =
        step.name === 'generatingKey' ? [] : [{ type: 'disconnectClaim' }];
      const actions = [...claimOpen, deletion.action];
      if (step.name === 'connectingClaim' && definitive) {
        return enterNeedsTechnician(common, footing, lastFailure, event.now, config, actions);
      }
      return enterBackoff(
        common,
        footing,
        { kind: 'startOver' },
        lastFailure,
        event,
        config,
        actions,
      );
    }
    case 'switching':
    case 'committing': {
      if (failure.operation === 'connectProduction' && definitive) {
        // The new certificate itself is refused: it is worthless, and without its key nobody can use it.
        const deletion = scheduleDeletion(common, step.next.slot, 'abandoned');
        return enterBackoff(
          deletion.common,
          footing,
          { kind: 'startOver' },
          lastFailure,
          event,
          config,
          [...rollback, deletion.action],
        );
      }
      if (step.name === 'committing' && footing.mode === 'recovery') {
        return completeRotation(state, step.next, 'skipped', event.now, config);
      }
      return enterBackoff(
        common,
        footing,
        { kind: 'switch', next: step.next },
        lastFailure,
        event,
        config,
        rollback,
      );
    }
  }
}
