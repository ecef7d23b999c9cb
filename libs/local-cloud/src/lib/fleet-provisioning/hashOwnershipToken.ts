import { createHash } from 'node:crypto';

/** Lowercase hex SHA-256 of a token: what the registry stores instead of the token. */
export function hashOwnershipToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
