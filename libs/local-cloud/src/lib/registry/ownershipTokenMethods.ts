import { LocalCloudError } from '../errors/LocalCloudError.js';
import type { RegistryEnv } from './RegistryEnv.js';
import type { OwnershipTokenRecord, Registry } from './types.js';

interface TokenRow {
  token_hash: string;
  certificate_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

const TOKEN_HASH = /^[0-9a-f]{64}$/;

/**
 * The certificate-ownership-token methods of the registry (fleet provisioning, AWS IoT Developer
 * Guide "Device provisioning MQTT API": a token is bound to its certificate and valid 1 hour).
 */
export function ownershipTokenMethods(
  env: RegistryEnv,
): Pick<
  Registry,
  | 'insertOwnershipToken'
  | 'getOwnershipToken'
  | 'markOwnershipTokenUsed'
  | 'listExpiredOwnershipTokens'
  | 'deleteOwnershipToken'
> {
  const { db, tx } = env;
  const select = db.prepare<[string], TokenRow>(
    'SELECT * FROM certificate_ownership_tokens WHERE token_hash = ?',
  );
  const insert = db.prepare<[TokenRow]>(
    `INSERT INTO certificate_ownership_tokens (token_hash, certificate_id, created_at, expires_at,
       used_at)
     VALUES (@token_hash, @certificate_id, @created_at, @expires_at, @used_at)`,
  );
  const markUsed = db.prepare<[number, string]>(
    'UPDATE certificate_ownership_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL',
  );
  const expired = db.prepare<[number, number], TokenRow>(
    `SELECT * FROM certificate_ownership_tokens WHERE expires_at <= ?
     ORDER BY expires_at, token_hash LIMIT ?`,
  );
  const certificateExists = db.prepare<[string], { one: number }>(
    'SELECT 1 AS one FROM certificates WHERE certificate_id = ?',
  );
  const remove = db.prepare<[string]>(
    'DELETE FROM certificate_ownership_tokens WHERE token_hash = ?',
  );

  const toRecord = (row: TokenRow): OwnershipTokenRecord => ({
    tokenHash: row.token_hash,
    certificateId: row.certificate_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(row.used_at === null ? {} : { usedAt: row.used_at }),
  });

  return {
    insertOwnershipToken(record) {
      if (!TOKEN_HASH.test(record.tokenHash)) {
        throw new LocalCloudError(
          'INVALID_REQUEST',
          'Unexpected ownership token hash, expected 64 lowercase hex digits (a SHA-256)',
        );
      }
      return tx(() => {
        if (!certificateExists.get(record.certificateId)) {
          throw new LocalCloudError(
            'NOT_FOUND',
            `Certificate "${record.certificateId}" does not exist`,
          );
        }
        const row: TokenRow = {
          token_hash: record.tokenHash,
          certificate_id: record.certificateId,
          created_at: record.createdAt,
          expires_at: record.expiresAt,
          used_at: null,
        };
        insert.run(row);
        return toRecord(row);
      });
    },

    getOwnershipToken(tokenHash) {
      const row = select.get(tokenHash);
      return row ? toRecord(row) : undefined;
    },

    markOwnershipTokenUsed(tokenHash, usedAt) {
      tx(() => {
        if (markUsed.run(usedAt, tokenHash).changes === 0) {
          throw new LocalCloudError(
            select.get(tokenHash) ? 'CONFLICT' : 'NOT_FOUND',
            'Certificate ownership token is unknown or was already used',
          );
        }
      });
    },

    listExpiredOwnershipTokens(now, limit = 100) {
      return expired.all(now, limit).map(toRecord);
    },

    deleteOwnershipToken(tokenHash) {
      tx(() => void remove.run(tokenHash));
    },
  };
}
