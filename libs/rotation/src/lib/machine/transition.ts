import { type RotationAction } from '../action/schemas.js';
import { DEFAULT_ROTATION_CONFIG, type RotationConfig } from '../config/schemas.js';
import { fromZodError } from '../errors/fromZodError.js';
import { RotationEventSchema, type RotationEvent } from '../event/schemas.js';
import { type RotationState } from '../state/schemas.js';
import { reduce } from './reduce.js';
import { type TransitionResult } from './types.js';
import { wakeUpAt } from './wakeUpAt.js';

/**
 * Moves one robot's certificate lifecycle forward by one event. Pure: no I/O, no timers, no clock;
 * time and randomness come in the event.
 *
 * The driver contract:
 * 1. Feed events one at a time, starting with `restarted` after loading (or creating) the state.
 * 2. If `actions` contains `persist` (always first; present whenever the state changed), write the
 *    returned state durably before executing anything else. A crash at any later point is then
 *    resumed by the next `restarted`.
 * 3. Execute the other actions in order; report each outcome back as an event. Late or duplicate
 *    events are harmless: they are matched against the step and slot in flight and otherwise ignored.
 * 4. `scheduleTick` (always last when present) re-arms the single timer; fire `tick` at that time.
 *    It is emitted whenever the wake-up time changes and after every `tick`, `restarted` and
 *    `clockSynchronized`.
 *
 * Events for which the state has no use return the same state and no actions.
 *
 * @param config - Defaults to {@link DEFAULT_ROTATION_CONFIG}; build one with `resolveRotationConfig`.
 * @throws RotationError `INVALID_EVENT` when `event` does not match `RotationEventSchema`.
 */
export function transition(
  state: RotationState,
  event: RotationEvent,
  config: RotationConfig = DEFAULT_ROTATION_CONFIG,
): TransitionResult {
  const parsed = RotationEventSchema.safeParse(event);
  if (!parsed.success) throw fromZodError('INVALID_EVENT', 'Invalid rotation event', parsed.error);
  const result = reduce(state, parsed.data, config);
  const actions: RotationAction[] = [...result.actions];
  if (JSON.stringify(result.state) !== JSON.stringify(state)) actions.unshift({ type: 'persist' });
  const at = wakeUpAt(result.state, config);
  const timerConsumed =
    event.type === 'tick' || event.type === 'restarted' || event.type === 'clockSynchronized';
  if (timerConsumed || at !== wakeUpAt(state, config)) actions.push({ type: 'scheduleTick', at });
  return { state: result.state, actions };
}
