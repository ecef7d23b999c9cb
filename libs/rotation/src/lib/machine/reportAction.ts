import { type RotationAction, type RotationReportCode } from '../action/schemas.js';

/** A `report` action. */
export function reportAction(
  code: RotationReportCode,
  message: string,
  certificateId?: string,
): RotationAction {
  return certificateId === undefined
    ? { type: 'report', code, message }
    : { type: 'report', code, message, certificateId };
}
