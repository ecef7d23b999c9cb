import { type RotationConfig } from '../config/schemas.js';
import { type RotationEvent } from '../event/schemas.js';
import { type RotationState } from '../state/schemas.js';
import { onOperationFailed } from './onOperationFailed.js';
import { onSlotDeleted } from './onSlotDeleted.js';
import { onStepSucceeded } from './onStepSucceeded.js';
import { onTick } from './onTick.js';
import { resumeAfterRestart } from './resumeAfterRestart.js';
import { type TransitionResult } from './types.js';

/** Dispatches one event; `transition` adds `persist` and `scheduleTick` around the result. */
export function reduce(
  state: RotationState,
  event: RotationEvent,
  config: RotationConfig,
): TransitionResult {
  switch (event.type) {
    case 'restarted':
      return resumeAfterRestart(state, event, config);
    case 'clockSynchronized':
      // Nothing is judged before `restarted`; after it, a synchronised clock is a reason to look again.
      if (state.phase === 'booting') return { state, actions: [] };
      return onTick({ ...state, clockSynchronized: true }, event, config);
    case 'tick':
      return onTick(state, event, config);
    case 'keyGenerated':
    case 'claimConnected':
    case 'certificateIssued':
    case 'thingRegistered':
    case 'productionConnected':
    case 'commitAccepted':
      return onStepSucceeded(state, event, config);
    case 'slotDeleted':
      return onSlotDeleted(state, event.slot);
    case 'operationFailed':
      return onOperationFailed(state, event, config);
  }
}
