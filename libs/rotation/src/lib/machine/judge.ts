import { type RotationAction } from '../action/schemas.js';
import { type RotationConfig } from '../config/schemas.js';
import { type Credential } from '../credential/schemas.js';
import { isRenewalDue } from '../renewal/isRenewalDue.js';
import { type RotationCommon } from '../state/schemas.js';
import { clockTrustedFor } from './clockTrustedFor.js';
import { reportAction } from './reportAction.js';
import { startAttempt } from './startAttempt.js';
import { type TransitionResult } from './types.js';

/**
 * Decides what to do with the production credential `current` at `now` when no rotation is under way:
 * missing → recover; clock untrusted → keep using it without judging; expired → recover; due → renew;
 * otherwise operate.
 *
 * @param production.connectedTo - the slot the production connection already uses (or was asked to
 *   use), `null` when closed; decides whether to (dis)connect.
 * @param production.untrustedBefore - whether the robot was already in `clockUntrusted` (no new report).
 */
export function judge(
  common: RotationCommon,
  current: Credential | null,
  now: number,
  config: RotationConfig,
  production: { connectedTo: string | null; untrustedBefore: boolean },
): TransitionResult {
  const disconnect: RotationAction[] =
    production.connectedTo === null ? [] : [{ type: 'disconnectProduction' }];
  if (current === null) {
    const attempt = startAttempt(common, { mode: 'recovery', current: null }, now, config);
    return {
      state: attempt.state,
      actions: [
        ...disconnect,
        reportAction(
          'recoveryStarted',
          'No production certificate: provisioning through the claim certificate',
        ),
        ...attempt.actions,
      ],
    };
  }
  const connect: RotationAction[] =
    production.connectedTo === current.slot
      ? []
      : [{ type: 'connectProduction', slot: current.slot }];
  if (!clockTrustedFor(common, current, now, config)) {
    return {
      state: { ...common, phase: 'clockUntrusted', current },
      actions: production.untrustedBefore
        ? connect
        : [
            ...connect,
            reportAction(
              'clockUntrusted',
              'Clock not synchronised (or earlier than the build time or a certificate): using the production certificate without judging its expiry',
              current.certificateId,
            ),
          ],
    };
  }
  if (now >= current.notAfter) {
    const attempt = startAttempt(common, { mode: 'recovery', current }, now, config);
    return {
      state: attempt.state,
      actions: [
        ...disconnect,
        reportAction(
          'productionDead',
          'Production certificate expired: recovering through the claim certificate',
          current.certificateId,
        ),
        ...attempt.actions,
      ],
    };
  }
  if (isRenewalDue(current, now, config)) {
    const attempt = startAttempt(common, { mode: 'renewal', current }, now, config);
    return {
      state: attempt.state,
      actions: [
        ...connect,
        reportAction(
          'renewalStarted',
          'Production certificate due for renewal',
          current.certificateId,
        ),
        ...attempt.actions,
      ],
    };
  }
  return { state: { ...common, phase: 'operating', current }, actions: connect };
}
