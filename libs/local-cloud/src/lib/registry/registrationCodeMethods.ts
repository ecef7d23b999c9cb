import { randomBytes } from 'node:crypto';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import type { RegistryEnv } from './RegistryEnv.js';
import type { Registry } from './types.js';

const NAME = 'registration_code';

/**
 * The CA registration code methods of the registry. AWS API reference, GetRegistrationCode: the
 * code is created by the first call (or the first after DeleteRegistrationCode) and every later
 * call answers the same code; it is 64 hex characters.
 */
export function registrationCodeMethods(
  env: RegistryEnv,
): Pick<Registry, 'ensureRegistrationCode' | 'getRegistrationCode' | 'deleteRegistrationCode'> {
  const { db, tx } = env;
  const select = db.prepare<[string], { value: string }>(
    'SELECT value FROM account_settings WHERE name = ?',
  );
  const insert = db.prepare<[string, string]>(
    'INSERT INTO account_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING',
  );
  const remove = db.prepare<[string]>('DELETE FROM account_settings WHERE name = ?');

  return {
    ensureRegistrationCode() {
      return tx(() => {
        insert.run(NAME, randomBytes(32).toString('hex'));
        const row = select.get(NAME);
        if (!row) throw new LocalCloudError('INTERNAL', 'The registration code was not stored');
        return row.value;
      });
    },
    getRegistrationCode() {
      return select.get(NAME)?.value;
    },
    deleteRegistrationCode() {
      remove.run(NAME);
    },
  };
}
