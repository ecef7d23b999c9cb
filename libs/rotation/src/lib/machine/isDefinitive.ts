import { type FailureReason } from '../event/schemas.js';

/** Whether a failure proves the credential itself is unusable (refused or unreadable). */
export function isDefinitive(reason: FailureReason): boolean {
  return reason === 'notAuthorized' || reason === 'credentialUnreadable';
}
