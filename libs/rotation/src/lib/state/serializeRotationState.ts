import { type RotationState } from './schemas.js';

/** The JSON text to persist for `state`; read it back with `deserializeRotationState`. */
export function serializeRotationState(state: RotationState): string {
  return JSON.stringify(state);
}
