import type Database from 'better-sqlite3';
import type { Clock } from '../context/Clock.js';
import type { RegistryChange } from './types.js';

/** What the registry's method groups share: the open database, ARNs, the clock and the event buffer. */
export interface RegistryEnv {
  readonly db: Database.Database;
  readonly region: string;
  readonly accountId: string;
  readonly clock: Clock;
  /** Runs `fn` in a transaction (a savepoint when nested); events buffered inside are dropped on rollback. */
  readonly tx: <T>(fn: () => T) => T;
  /** Buffers a change; it reaches listeners when the outermost transaction commits. */
  readonly emit: (change: RegistryChange) => void;
  /** `arn:aws:iot:<region>:<account>:<type>/<name>`. */
  readonly arn: (
    type: 'thing' | 'cert' | 'cacert' | 'policy' | 'thingtype' | 'thinggroup',
    name: string,
  ) => string;
}
