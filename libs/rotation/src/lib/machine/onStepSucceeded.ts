import { type RotationConfig } from '../config/schemas.js';
import { type RotationEvent } from '../event/schemas.js';
import { type RotationState } from '../state/schemas.js';
import { commonOf } from './commonOf.js';
import { completeRotation } from './completeRotation.js';
import { failAttempt } from './failAttempt.js';
import { footingOf } from './footingOf.js';
import { inFlight } from './inFlight.js';
import { stepSlot } from './stepSlot.js';
import { switchToIssued } from './switchToIssued.js';
import { type TransitionResult } from './types.js';

type StepEvent = Extract<
  RotationEvent,
  {
    type:
      | 'keyGenerated'
      | 'claimConnected'
      | 'certificateIssued'
      | 'thingRegistered'
      | 'productionConnected'
      | 'commitAccepted';
  }
>;

/**
 * A step of the attempt in flight succeeded: move to the next one. An event for another step or
 * another slot (late, duplicated, from an abandoned attempt) changes nothing.
 */
export function onStepSucceeded(
  state: RotationState,
  event: StepEvent,
  config: RotationConfig,
): TransitionResult {
  const unchanged = { state, actions: [] };
  if (state.phase !== 'renewing' && state.phase !== 'recovering') return unchanged;
  const step = state.step;
  if (stepSlot(step) !== event.slot) return unchanged;
  const common = commonOf(state);
  const footing = footingOf(state);
  const deadline = event.now + config.stepTimeoutMs;
  switch (event.type) {
    case 'keyGenerated':
      if (step.name !== 'generatingKey') return unchanged;
      return {
        state: inFlight(common, footing, {
          name: 'connectingClaim',
          slot: step.slot,
          deadline,
          issued: null,
        }),
        actions: [{ type: 'connectClaim', slot: step.slot, claimSlot: common.claim.slot }],
      };
    case 'claimConnected':
      if (step.name !== 'connectingClaim') return unchanged;
      if (step.issued !== null) {
        // Back after a restart with an ownership token that is still valid: register it again.
        return {
          state: inFlight(common, footing, {
            name: 'registeringThing',
            slot: step.slot,
            deadline,
            issued: step.issued,
          }),
          actions: [
            {
              type: 'registerThing',
              slot: step.slot,
              certificateOwnershipToken: step.issued.certificateOwnershipToken,
            },
          ],
        };
      }
      return {
        state: inFlight(common, footing, {
          name: 'requestingCertificate',
          slot: step.slot,
          deadline,
        }),
        actions: [{ type: 'requestCertificate', slot: step.slot, method: config.method }],
      };
    case 'certificateIssued': {
      if (step.name !== 'requestingCertificate') return unchanged;
      if (event.notBefore >= event.notAfter) {
        return failAttempt(
          state,
          {
            operation: 'requestCertificate',
            reason: 'rejected',
            message: `Issued certificate valid ${event.notBefore}..${event.notAfter}, expected notBefore < notAfter`,
          },
          event,
          config,
        );
      }
      const issued = {
        certificateId: event.certificateId,
        notBefore: event.notBefore,
        notAfter: event.notAfter,
        certificateOwnershipToken: event.certificateOwnershipToken,
        // Fleet provisioning: the token is valid for one hour, then the certificate is deleted.
        tokenExpiresAt: event.now + config.ownershipTokenTtlMs,
      };
      return {
        state: inFlight(common, footing, {
          name: 'registeringThing',
          slot: step.slot,
          deadline,
          issued,
        }),
        actions: [
          {
            type: 'registerThing',
            slot: step.slot,
            certificateOwnershipToken: issued.certificateOwnershipToken,
          },
        ],
      };
    }
    case 'thingRegistered': {
      if (step.name !== 'registeringThing') return unchanged;
      return switchToIssued(common, footing, step, deadline);
    }
    case 'productionConnected': {
      if (step.name !== 'switching') return unchanged;
      if (state.current === null)
        return completeRotation(state, step.next, 'none', event.now, config);
      return {
        state: inFlight(common, footing, { name: 'committing', next: step.next, deadline }),
        actions: [
          {
            type: 'publishCommit',
            slot: step.next.slot,
            newCertificateId: step.next.certificateId,
            oldCertificateId: state.current.certificateId,
          },
        ],
      };
    }
    case 'commitAccepted':
      if (step.name !== 'committing') return unchanged;
      return completeRotation(state, step.next, 'accepted', event.now, config);
  }
}
