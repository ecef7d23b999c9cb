import type { CredentialRecord, CredentialStore } from '../context/CredentialStore.js';
import { rejectSigV4 } from './rejectSigV4.js';
import { signaturesEqual } from './signaturesEqual.js';

/**
 * Finds the credential of `accessKeyId` and checks that it is usable at `now` with the session
 * token the request carried.
 *
 * @throws {LocalCloudError} `UNAUTHORIZED`: UnrecognizedClientException for an unknown key or a
 *   session token that is missing, extra or wrong; ExpiredTokenException past `expiresAt`.
 */
export function checkCredential(
  store: CredentialStore,
  accessKeyId: string,
  sessionToken: string | undefined,
  now: number,
): CredentialRecord {
  const record = store.get(accessKeyId);
  // AWS's wording for both an unknown key and a bad token; it does not say which.
  const invalid = 'The security token included in the request is invalid.';
  if (!record) throw rejectSigV4('UnrecognizedClientException', invalid);
  if (record.sessionToken === undefined) {
    if (sessionToken !== undefined) throw rejectSigV4('UnrecognizedClientException', invalid);
  } else if (sessionToken === undefined || !signaturesEqual(record.sessionToken, sessionToken)) {
    throw rejectSigV4('UnrecognizedClientException', invalid);
  }
  if (record.expiresAt !== undefined && now >= record.expiresAt) {
    throw rejectSigV4(
      'ExpiredTokenException',
      'The security token included in the request is expired',
    );
  }
  return record;
}
