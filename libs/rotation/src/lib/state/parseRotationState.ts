import { fromZodError } from '../errors/fromZodError.js';
import { RotationStateSchema, type RotationState } from './schemas.js';

/**
 * Validates a persisted state (the value of `JSON.parse` of what the daemon wrote).
 *
 * @throws RotationError `INVALID_STATE` naming every field that is not what was expected, e.g.
 *   `Malformed rotation state: at "phase": Invalid discriminator value. Expected 'booting' | ...`.
 */
export function parseRotationState(value: unknown): RotationState {
  const parsed = RotationStateSchema.safeParse(value);
  if (!parsed.success) {
    throw fromZodError('INVALID_STATE', 'Malformed rotation state', parsed.error);
  }
  return parsed.data;
}
