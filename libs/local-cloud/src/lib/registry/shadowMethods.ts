import { StoredShadowSchema } from '@iot-gateway-net/shadow';
import { z } from 'zod';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { decodePageToken } from './decodePageToken.js';
import type { RegistryEnv } from './RegistryEnv.js';
import { resolvePageSize } from './resolvePageSize.js';
import { toPage } from './toPage.js';
import type { Registry } from './types.js';

const ShadowTokenSchema = z.tuple([z.string()]);

/**
 * The shadow methods of the registry. Shadows are keyed by thing name without a foreign key: AWS's
 * Device Shadow service keeps shadows for any thing name, registered or not.
 */
export function shadowMethods(
  env: RegistryEnv,
): Pick<Registry, 'getShadow' | 'putShadow' | 'listNamedShadows'> {
  const { db, tx } = env;
  const select = db.prepare<[string, string], { document: string }>(
    'SELECT document FROM shadows WHERE thing_name = ? AND shadow_name = ?',
  );
  const upsert = db.prepare<
    [{ thing: string; name: string; document: string; deletedAt: number | null }]
  >(
    `INSERT INTO shadows (thing_name, shadow_name, document, deleted_at)
     VALUES (@thing, @name, @document, @deletedAt)
     ON CONFLICT (thing_name, shadow_name) DO UPDATE SET document = excluded.document,
       deleted_at = excluded.deleted_at`,
  );
  // A deleted shadow keeps its row (and version) but is not listed (ListNamedShadowsForThing).
  const list = db.prepare<
    [{ thing: string; after: string | null; limit: number }],
    { shadow_name: string }
  >(
    `SELECT shadow_name FROM shadows
     WHERE thing_name = @thing AND shadow_name <> '' AND deleted_at IS NULL
       AND (@after IS NULL OR shadow_name > @after)
     ORDER BY shadow_name LIMIT @limit`,
  );

  return {
    getShadow(thingName, shadowName) {
      const row = select.get(thingName, shadowName);
      if (!row) return undefined;
      const parsed = StoredShadowSchema.safeParse(JSON.parse(row.document));
      if (!parsed.success) {
        throw new LocalCloudError(
          'INTERNAL',
          `Stored shadow "${shadowName}" of thing "${thingName}" does not match the stored-shadow schema`,
          { cause: parsed.error },
        );
      }
      return parsed.data;
    },
    putShadow(thingName, shadowName, shadow) {
      tx(() =>
        upsert.run({
          thing: thingName,
          name: shadowName,
          document: JSON.stringify(shadow),
          deletedAt: shadow.deletedAt ?? null,
        }),
      );
    },
    listNamedShadows(thingName, query = {}) {
      const size = resolvePageSize(query.maxResults);
      const after =
        query.nextToken === undefined
          ? null
          : decodePageToken(query.nextToken, ShadowTokenSchema)[0];
      const rows = list.all({ thing: thingName, after, limit: size + 1 });
      return toPage(
        rows,
        size,
        (row) => row.shadow_name,
        (row) => [row.shadow_name],
      );
    },
  };
}
