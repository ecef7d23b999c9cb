import { AccountIdSchema, RegionSchema } from '@iot-gateway-net/policy';
import Database from 'better-sqlite3';
import { z } from 'zod';
import type { Clock } from '../context/Clock.js';
import type { Logger } from '../context/Logger.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { applyMigrations } from './applyMigrations.js';
import { attachmentMethods } from './attachmentMethods.js';
import { caCertificateMethods } from './caCertificateMethods.js';
import { certificateMethods } from './certificateMethods.js';
import { REGISTRY_MIGRATIONS } from './migrations.js';
import { ownershipTokenMethods } from './ownershipTokenMethods.js';
import { policyMethods } from './policyMethods.js';
import { provisioningTemplateMethods } from './provisioningTemplateMethods.js';
import { registrationCodeMethods } from './registrationCodeMethods.js';
import type { RegistryEnv } from './RegistryEnv.js';
import { retainedMethods } from './retainedMethods.js';
import { shadowMethods } from './shadowMethods.js';
import { thingGroupMethods } from './thingGroupMethods.js';
import { thingMethods } from './thingMethods.js';
import { thingTypeMethods } from './thingTypeMethods.js';
import type { Registry, RegistryChange } from './types.js';

const OptionsSchema = z.object({
  path: z.string().min(1, { error: 'expected a file path or ":memory:"' }),
  region: RegionSchema,
  accountId: AccountIdSchema,
});

/** Options of {@link createRegistry}. */
export interface CreateRegistryOptions {
  /** SQLite file (created if missing), or `':memory:'` for a registry that lives only in this process. */
  path: string;
  /** Region used in ARNs, e.g. `ap-northeast-1`. */
  region: string;
  /** 12-digit account id used in ARNs. */
  accountId: string;
  /** Source of creation and modification times. */
  clock: Clock;
  /** Where failing change listeners are reported. Defaults to dropping the report. */
  logger?: Logger;
}

/**
 * Opens (or creates) the local cloud's registry on better-sqlite3: WAL journal, `synchronous=FULL`
 * so that a write is on disk when the method returns, foreign keys on, and the schema migrated to
 * the newest version in one transaction. Every statement is prepared once here.
 *
 * Every method runs in its own transaction unless it is called inside `transaction()`, which nests
 * through savepoints. Change events are buffered and reach `onChange` listeners only after the
 * outermost transaction commits; a rollback drops them. A listener that throws is logged and does
 * not affect the caller or the other listeners.
 *
 * @throws {LocalCloudError} `CONFIG` for a bad region, account id or path; `STARTUP` when the file
 *   cannot be opened (unreadable, not a database) or its schema is newer than this code.
 */
export function createRegistry(options: CreateRegistryOptions): Registry {
  const parsed = OptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LocalCloudError(
      'CONFIG',
      `Unexpected registry option ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      { cause: parsed.error },
    );
  }
  const { path, region, accountId } = parsed.data;

  let db: Database.Database;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Another process holding the file (a second local cloud on the same data dir) waits, then fails.
    db.pragma('busy_timeout = 5000');
    applyMigrations(db, REGISTRY_MIGRATIONS);
  } catch (error) {
    if (error instanceof LocalCloudError) throw error;
    throw new LocalCloudError(
      'STARTUP',
      `Cannot open the registry database "${path}": ${(error as Error).message}`,
      { cause: error },
    );
  }

  const listeners = new Set<(change: RegistryChange) => void>();
  let pending: RegistryChange[] = [];
  let depth = 0;
  // One transaction function for everything: better-sqlite3 turns a nested call into a savepoint.
  const runInTransaction = db.transaction((fn: () => unknown) => fn());

  const deliver = (changes: RegistryChange[]): void => {
    for (const change of changes) {
      for (const listener of [...listeners]) {
        try {
          listener(change);
        } catch (error) {
          options.logger?.error('registry.listener_failed', { change: change.type, error });
        }
      }
    }
  };

  const tx = <T>(fn: () => T): T => {
    const mark = pending.length;
    depth++;
    let result: T;
    try {
      result = runInTransaction(fn) as T;
    } catch (error) {
      // This level rolled back (transaction or savepoint): its events never happened.
      pending.length = mark;
      throw error;
    } finally {
      depth--;
    }
    if (depth === 0 && pending.length > 0) {
      const committed = pending;
      pending = [];
      deliver(committed);
    }
    return result;
  };

  const env: RegistryEnv = {
    db,
    region,
    accountId,
    clock: options.clock,
    tx,
    emit: (change) => void pending.push(change),
    arn: (type, name) => `arn:aws:iot:${region}:${accountId}:${type}/${name}`,
  };

  const { reader, ...policies } = policyMethods(env);
  let closed = false;

  return {
    region,
    accountId,
    transaction: tx,
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      db.close();
    },
    ...thingMethods(env),
    ...thingTypeMethods(env),
    ...thingGroupMethods(env),
    ...certificateMethods(env),
    ...caCertificateMethods(env),
    ...policies,
    ...attachmentMethods(env, reader),
    ...retainedMethods(env),
    ...shadowMethods(env),
    ...ownershipTokenMethods(env),
    ...provisioningTemplateMethods(env),
    ...registrationCodeMethods(env),
  };
}
