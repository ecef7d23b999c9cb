import { ShadowError } from '../errors/ShadowError.js';
import { StoredShadowSchema, type StoredShadow } from './schemas.js';

/**
 * Validates a shadow read back from storage (e.g. the local cloud's JSON files or database rows).
 *
 * @throws {ShadowError} `INVALID_STORED_SHADOW` naming the first problem; `cause` is the zod error.
 */
export function parseStoredShadow(value: unknown): StoredShadow {
  const result = StoredShadowSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.join('.');
    throw new ShadowError(
      'INVALID_STORED_SHADOW',
      `Unexpected stored shadow: at ${where}, ${issue?.message ?? 'invalid value'}; expected { state, metadata, version, deletedAt? }`,
      { cause: result.error },
    );
  }
  return result.data;
}
