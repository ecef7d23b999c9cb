import { type RotationAction } from '../action/schemas.js';
import { type RotationConfig } from '../config/schemas.js';
import { type RotationEvent } from '../event/schemas.js';
import { type LastFailure, type RotationCommon, type RotationState } from '../state/schemas.js';
import { clockTrustedFor } from './clockTrustedFor.js';
import { commonOf } from './commonOf.js';
import { enterBackoff } from './enterBackoff.js';
import { footingOf } from './footingOf.js';
import { inFlight } from './inFlight.js';
import { isDue } from './isDue.js';
import { judge } from './judge.js';
import { operationOf } from './operationOf.js';
import { reportAction } from './reportAction.js';
import { retry } from './retry.js';
import { scheduleDeletion } from './scheduleDeletion.js';
import {
  type Footing,
  type InFlightState,
  type TransitionResult,
  type WaitingState,
} from './types.js';

type RestartEvent = Extract<RotationEvent, { type: 'restarted' }>;

/**
 * The process started with a loaded state; every connection, request and timer of the previous run is
 * gone. Pending deletions are re-issued, then each phase resumes:
 *
 * - `booting` / `operating` / `clockUntrusted`: judge the production credential afresh.
 * - in flight before a certificate was issued: the attempt is lost; it counts as failed (so a crash
 *   loop backs off) and its slot is dropped. Renewal on an untrusted clock is abandoned instead.
 * - certificate issued, not registered: register again if the token is still valid on a trusted
 *   clock, else as above.
 * - registered (switching, committing): switch to the new certificate again and commit again (the
 *   backend must accept a repeated commit).
 * - `backoff`: keep waiting; `needsTechnician`: retry now (a technician's reboot retries).
 */
export function resumeAfterRestart(
  state: RotationState,
  event: RestartEvent,
  config: RotationConfig,
): TransitionResult {
  const common: RotationCommon = { ...commonOf(state), clockSynchronized: event.clockSynchronized };
  const deletions: RotationAction[] = common.pendingDeletions.map((d) => ({
    type: 'deleteSlot',
    slot: d.slot,
    kind: d.kind,
  }));
  const resumed = resumePhase(state, common, event, config);
  return { state: resumed.state, actions: [...deletions, ...resumed.actions] };
}

function resumePhase(
  state: RotationState,
  common: RotationCommon,
  event: RestartEvent,
  config: RotationConfig,
): TransitionResult {
  const now = event.now;
  switch (state.phase) {
    case 'booting':
    case 'operating':
    case 'clockUntrusted':
      return judge(common, state.current, now, config, {
        connectedTo: null,
        untrustedBefore: false,
      });
    case 'renewing':
    case 'recovering':
      return resumeInFlight(state, common, event, config);
    case 'backoff':
    case 'needsTechnician':
      return resumeWaiting(state, common, event, config);
  }
}

/** Turns a renewal into a recovery when its old credential expired while the robot was off. */
function footingAfterRestart(
  footing: Footing,
  common: RotationCommon,
  now: number,
  config: RotationConfig,
): { footing: Footing; trusted: boolean; actions: RotationAction[] } {
  const trusted = clockTrustedFor(common, footing.current, now, config);
  if (footing.mode === 'renewal' && trusted && now >= footing.current.notAfter) {
    return {
      footing: { mode: 'recovery', current: footing.current },
      trusted,
      actions: [
        reportAction(
          'productionDead',
          'Production certificate expired while the robot was off: recovering through the claim certificate',
          footing.current.certificateId,
        ),
      ],
    };
  }
  return { footing, trusted, actions: [] };
}

function resumeInFlight(
  state: InFlightState,
  stateCommon: RotationCommon,
  event: RestartEvent,
  config: RotationConfig,
): TransitionResult {
  const now = event.now;
  const { footing, trusted, actions } = footingAfterRestart(
    footingOf(state),
    stateCommon,
    now,
    config,
  );
  const reconnectOld: RotationAction[] =
    footing.mode === 'renewal' ? [{ type: 'connectProduction', slot: footing.current.slot }] : [];
  const step = state.step;
  const deadline = now + config.stepTimeoutMs;

  const dropAttempt = (slot: string, reason: LastFailure['reason']): TransitionResult => {
    const deletion = scheduleDeletion(stateCommon, slot, 'abandoned');
    if (footing.mode === 'renewal' && !trusted) {
      // Renewal was decided on a clock we can no longer vouch for: decide again once it is trusted.
      const judged = judge(deletion.common, footing.current, now, config, {
        connectedTo: null,
        untrustedBefore: false,
      });
      return {
        state: judged.state,
        actions: [
          ...actions,
          deletion.action,
          reportAction(
            'renewalAbandoned',
            'Restarted with an untrusted clock: renewal postponed until the clock is synchronised',
          ),
          ...judged.actions,
        ],
      };
    }
    const lastFailure: LastFailure = { operation: operationOf(step), reason, at: now };
    return enterBackoff(
      deletion.common,
      footing,
      { kind: 'startOver' },
      lastFailure,
      event,
      config,
      [...actions, deletion.action, ...reconnectOld],
    );
  };

  switch (step.name) {
    case 'generatingKey':
    case 'requestingCertificate':
      return dropAttempt(step.slot, 'restarted');
    case 'connectingClaim':
    case 'registeringThing': {
      if (step.issued === null) return dropAttempt(step.slot, 'restarted');
      if (!trusted) return dropAttempt(step.slot, 'restarted');
      if (now >= step.issued.tokenExpiresAt - config.ownershipTokenMarginMs) {
        return dropAttempt(step.slot, 'tokenExpired');
      }
      return {
        state: inFlight(stateCommon, footing, {
          name: 'connectingClaim',
          slot: step.slot,
          deadline,
          issued: step.issued,
        }),
        actions: [
          ...actions,
          ...reconnectOld,
          { type: 'connectClaim', slot: step.slot, claimSlot: stateCommon.claim.slot },
        ],
      };
    }
    case 'switching':
    case 'committing':
      return {
        state: inFlight(stateCommon, footing, { name: 'switching', next: step.next, deadline }),
        actions: [...actions, { type: 'connectProduction', slot: step.next.slot }],
      };
  }
}

function resumeWaiting(
  state: WaitingState,
  stateCommon: RotationCommon,
  event: RestartEvent,
  config: RotationConfig,
): TransitionResult {
  const now = event.now;
  const waiting: WaitingState = { ...state, ...stateCommon };
  const { footing, trusted, actions } = footingAfterRestart(
    footingOf(state),
    stateCommon,
    now,
    config,
  );
  const resume = state.phase === 'backoff' ? state.resume : { kind: 'startOver' as const };
  if (footing.mode === 'renewal' && !trusted && resume.kind === 'startOver') {
    const judged = judge(stateCommon, footing.current, now, config, {
      connectedTo: null,
      untrustedBefore: false,
    });
    return {
      state: judged.state,
      actions: [
        reportAction(
          'renewalAbandoned',
          'Restarted with an untrusted clock: renewal postponed until the clock is synchronised',
        ),
        ...judged.actions,
      ],
    };
  }
  const expiredWhileOff = footing.mode !== state.mode;
  const due =
    state.phase === 'needsTechnician' ||
    expiredWhileOff ||
    isDue(state.retryAt, now, config.backoffCeilingMs);
  if (due) {
    const retried = retry(waiting, footing, now, config, false);
    return { state: retried.state, actions: [...actions, ...retried.actions] };
  }
  return {
    state: waiting,
    actions:
      footing.mode === 'renewal' ? [{ type: 'connectProduction', slot: footing.current.slot }] : [],
  };
}
