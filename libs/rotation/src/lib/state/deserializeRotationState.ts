import { RotationError } from '../errors/RotationError.js';
import { parseRotationState } from './parseRotationState.js';
import { type RotationState } from './schemas.js';

/**
 * Reads a state written by {@link serializeRotationState} (JSON text) and validates it.
 *
 * @throws RotationError `INVALID_STATE` when the text is not JSON or the value is not a rotation state.
 */
export function deserializeRotationState(text: string): RotationState {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const head = text.length > 40 ? `${text.slice(0, 40)}...` : text;
    throw new RotationError(
      'INVALID_STATE',
      `Malformed rotation state: ${JSON.stringify(head)} is not JSON, expected a JSON object`,
      { cause },
    );
  }
  return parseRotationState(value);
}
