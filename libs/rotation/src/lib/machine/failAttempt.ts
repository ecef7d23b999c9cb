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
import { switchToIssued } from './switchToIssued.js';
import { type InFlightState, type TransitionResult } from './types.js';

/**
 * The error code RegisterThing answers for an ownership token it does not accept (unknown, expired or
 * already used; AWS IoT Developer Guide, "Device provisioning MQTT API").
 */
const TOKEN_REFUSED = 'InvalidCertificateOwnershipToken';

/**
 * The step in flight failed. Before registration: drop the attempt's slot and back off. Claim refused:
 * `needsTechnician`. New certificate refused: drop it, roll back to the old one, back off. New
 * certificate not reachable or commit not accepted: roll back to the old one and later switch to the
 * same new certificate again; in recovery (no old one to go back to) a commit that is not accepted is
 * skipped, since the new certificate is proven to connect.
 *
 * RegisterThing refusing the ownership token while re-registering after a restart (or after a lost
 * answer) means the token was most likely consumed by a registration that succeeded: the certificate
 * may be ACTIVE and attached to the thing, and dropping it would leave a second active certificate
 * there for good. So the machine switches to it instead: if it was never registered the broker
 * refuses it, and the refusal drops the slot as for any refused new certificate.
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

  if (
    step.name === 'registeringThing' &&
    failure.operation === 'registerThing' &&
    failure.reason === 'rejected' &&
    failure.errorCode === TOKEN_REFUSED
  ) {
    return switchToIssued(common, footing, step, event.now + config.stepTimeoutMs, [
      reportAction(
        'attemptFailed',
        'RegisterThing refused the ownership token (already used?): trying the new certificate, dropped if the broker refuses it',
        step.issued.certificateId,
      ),
    ]);
  }

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
