import { type RotationConfig, DEFAULT_ROTATION_CONFIG } from '../config/schemas.js';
import { renewalDueAt } from '../renewal/renewalDueAt.js';
import { type RotationState } from '../state/schemas.js';

/**
 * When the machine next needs a `tick` (epoch ms), or `null` when only an event can move it: the
 * renewal due time while operating, a step's deadline, the end of a wait, the old certificate's expiry
 * during a renewal, or the moment a synchronised clock passes the build time and every `notBefore`.
 * `transition` emits it as `scheduleTick`.
 *
 * @param config - Defaults to {@link DEFAULT_ROTATION_CONFIG}.
 */
export function wakeUpAt(
  state: RotationState,
  config: RotationConfig = DEFAULT_ROTATION_CONFIG,
): number | null {
  switch (state.phase) {
    case 'booting':
      return null;
    case 'operating':
      return renewalDueAt(state.current, config);
    case 'clockUntrusted':
      return state.clockSynchronized
        ? Math.max(
            config.buildTime,
            state.claim.notBefore - config.clockSkewMs,
            state.current.notBefore - config.clockSkewMs,
          )
        : null;
    case 'renewing':
      return state.clockSynchronized
        ? Math.min(state.step.deadline, state.current.notAfter)
        : state.step.deadline;
    case 'recovering':
      return state.step.deadline;
    case 'backoff':
    case 'needsTechnician':
      return state.mode === 'renewal' && state.clockSynchronized
        ? Math.min(state.retryAt, state.current.notAfter)
        : state.retryAt;
  }
}
