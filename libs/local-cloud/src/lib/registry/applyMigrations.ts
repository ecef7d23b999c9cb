import type Database from 'better-sqlite3';
import { LocalCloudError } from '../errors/LocalCloudError.js';

/**
 * Brings `db` to the newest schema: runs every migration it has not run yet, all in one transaction
 * (a failure leaves the file at its old version), and records the version in `schema_version`.
 * Returns the schema version now in effect.
 *
 * @throws {LocalCloudError} `STARTUP` when the file was written by a newer schema than `migrations`
 *   knows, or when a migration fails (cause = the SQLite error).
 */
export function applyMigrations(db: Database.Database, migrations: readonly string[]): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db
    .prepare<[], { version: number | null }>('SELECT MAX(version) AS version FROM schema_version')
    .get();
  const current = row?.version ?? 0;
  if (current > migrations.length) {
    throw new LocalCloudError(
      'STARTUP',
      `Unexpected registry schema version ${current}, expected at most ${migrations.length}: the data directory was written by a newer local cloud`,
    );
  }
  if (current === migrations.length) return current;
  const record = db.prepare<[number]>('INSERT INTO schema_version (version) VALUES (?)');
  try {
    db.transaction(() => {
      for (let version = current; version < migrations.length; version++) {
        db.exec(migrations[version] ?? '');
        record.run(version + 1);
      }
    })();
  } catch (error) {
    throw new LocalCloudError(
      'STARTUP',
      `Registry migration from schema version ${current} to ${migrations.length} failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return migrations.length;
}
