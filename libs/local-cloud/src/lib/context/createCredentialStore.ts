import type { CredentialRecord, CredentialStore } from './CredentialStore.js';

/** An in-memory {@link CredentialStore}, seeded with `initial`. */
export function createCredentialStore(initial: CredentialRecord[] = []): CredentialStore {
  const byKey = new Map(initial.map((r) => [r.accessKeyId, r]));
  return {
    get: (accessKeyId) => byKey.get(accessKeyId),
    put: (record) => void byKey.set(record.accessKeyId, record),
    delete: (accessKeyId) => void byKey.delete(accessKeyId),
  };
}
