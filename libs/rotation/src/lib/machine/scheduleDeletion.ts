import { type DeletionKind, type RotationAction } from '../action/schemas.js';
import { type RotationCommon } from '../state/schemas.js';

/**
 * Records `slot` as pending deletion (so a crash cannot forget it) and returns the `deleteSlot`
 * action to run once that record is persisted.
 */
export function scheduleDeletion(
  common: RotationCommon,
  slot: string,
  kind: DeletionKind,
): { common: RotationCommon; action: RotationAction } {
  const pendingDeletions = common.pendingDeletions.some((d) => d.slot === slot)
    ? common.pendingDeletions
    : [...common.pendingDeletions, { slot, kind }];
  return { common: { ...common, pendingDeletions }, action: { type: 'deleteSlot', slot, kind } };
}
