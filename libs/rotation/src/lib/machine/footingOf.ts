import { type Footing, type InFlightState, type WaitingState } from './types.js';

/** The footing of a state with a rotation under way. */
export function footingOf(state: InFlightState | WaitingState): Footing {
  switch (state.phase) {
    case 'renewing':
      return { mode: 'renewal', current: state.current };
    case 'recovering':
      return { mode: 'recovery', current: state.current };
    case 'backoff':
    case 'needsTechnician':
      return state.mode === 'renewal'
        ? { mode: 'renewal', current: state.current }
        : { mode: 'recovery', current: state.current };
  }
}
