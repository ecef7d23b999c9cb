import { type RotationAction } from '../action/schemas.js';
import { type RotationConfig } from '../config/schemas.js';
import { type Credential } from '../credential/schemas.js';
import { commonOf } from './commonOf.js';
import { judge } from './judge.js';
import { reportAction } from './reportAction.js';
import { scheduleDeletion } from './scheduleDeletion.js';
import { type InFlightState, type TransitionResult } from './types.js';

/**
 * `next` is connected and committed (or, in recovery, could not be committed or had nothing to
 * commit): it becomes the production credential, the attempt counter resets, and the old credential's
 * files are deleted. Only now, after the commit was accepted, is a working old credential deleted;
 * in recovery the old one is already refused or expired (kind `dead`).
 */
export function completeRotation(
  state: InFlightState,
  next: Credential,
  commit: 'accepted' | 'skipped' | 'none',
  now: number,
  config: RotationConfig,
): TransitionResult {
  let common = { ...commonOf(state), attempt: 0 };
  const actions: RotationAction[] = [];
  const old = state.current;
  if (old !== null) {
    const deletion = scheduleDeletion(common, old.slot, commit === 'accepted' ? 'retired' : 'dead');
    common = deletion.common;
    actions.push(deletion.action);
  }
  if (commit === 'skipped' && old !== null) {
    actions.push(
      reportAction(
        'commitSkipped',
        'Commit of the dead certificate was not accepted: deactivate it in AWS IoT if it is still ACTIVE',
        old.certificateId,
      ),
    );
  }
  actions.push(
    state.phase === 'renewing'
      ? reportAction('renewed', 'Production certificate renewed', next.certificateId)
      : reportAction(
          'recovered',
          'Production certificate recovered through the claim certificate',
          next.certificateId,
        ),
  );
  const judged = judge(common, next, now, config, {
    connectedTo: next.slot,
    untrustedBefore: false,
  });
  return { state: judged.state, actions: [...actions, ...judged.actions] };
}
