import { CredentialSchema } from '../credential/schemas.js';
import { fromZodError } from '../errors/fromZodError.js';
import { RotationError } from '../errors/RotationError.js';
import {
  InitialStateInputSchema,
  ROTATION_STATE_VERSION,
  type InitialStateInput,
  type RotationState,
} from './schemas.js';
import { slotNumber } from './slotNumber.js';

/**
 * The state of a robot that never ran rotation: phase `booting`, no attempt, nothing pending. Feed it
 * `restarted` first, like any loaded state.
 *
 * @throws RotationError `INVALID_ARGUMENT` when a credential is malformed (bad certificate id,
 *   `notBefore >= notAfter`, unsafe slot) or both credentials use the same slot.
 */
export function createInitialState(input: InitialStateInput): RotationState {
  const parsed = InitialStateInputSchema.safeParse(input);
  if (!parsed.success) {
    throw fromZodError('INVALID_ARGUMENT', 'Invalid initial credentials', parsed.error);
  }
  const { claim, production } = parsed.data;
  for (const credential of production === null ? [claim] : [claim, production]) {
    const checked = CredentialSchema.safeParse(credential);
    if (!checked.success) {
      throw fromZodError('INVALID_ARGUMENT', 'Invalid initial credentials', checked.error);
    }
  }
  if (production !== null && production.slot === claim.slot) {
    throw new RotationError(
      'INVALID_ARGUMENT',
      `Unexpected production slot "${production.slot}", expected a slot other than the claim's`,
    );
  }
  // Start numbering after any slot already named like ours, so a new attempt never reuses one.
  const taken = [claim.slot, production?.slot]
    .map((slot) => (slot === undefined ? undefined : slotNumber(slot)))
    .filter((n): n is number => n !== undefined);
  return {
    version: ROTATION_STATE_VERSION,
    phase: 'booting',
    current: production,
    claim,
    attempt: 0,
    nextSlot: Math.max(1, ...taken.map((n) => n + 1)),
    pendingDeletions: [],
    clockSynchronized: false,
  };
}
