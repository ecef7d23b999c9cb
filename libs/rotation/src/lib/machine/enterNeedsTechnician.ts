import { type RotationAction } from '../action/schemas.js';
import { type RotationConfig } from '../config/schemas.js';
import { type LastFailure, type RotationCommon } from '../state/schemas.js';
import { reportAction } from './reportAction.js';
import { type Footing, type TransitionResult } from './types.js';

/**
 * The claim certificate cannot be used: nothing the robot can do alone. Keep whatever production
 * credential there is, retry slowly, and say a technician is needed.
 */
export function enterNeedsTechnician(
  common: RotationCommon,
  footing: Footing,
  lastFailure: LastFailure,
  now: number,
  config: RotationConfig,
  actions: readonly RotationAction[],
): TransitionResult {
  const waiting = {
    ...common,
    attempt: common.attempt + 1,
    phase: 'needsTechnician' as const,
    retryAt: now + config.needsTechnicianRetryMs,
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
        'needsTechnician',
        `claim 証明書が使えません（${lastFailure.reason}）。技術者による claim 証明書の交換が必要です。` +
          ` / The claim certificate cannot be used (${lastFailure.reason}); a technician must replace it.` +
          (footing.mode === 'renewal'
            ? ' 本番証明書で運用を継続中 / Still operating on the production certificate.'
            : ' 本番証明書なし・オフライン / No working production certificate: offline.'),
        common.claim.certificateId,
      ),
    ],
  };
}
