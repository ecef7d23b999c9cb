import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { assertName } from './assertName.js';
import { decodePageToken } from './decodePageToken.js';
import { REGISTRY_LIMITS } from './limits.js';
import { ATTRIBUTE_NAME, DESCRIPTION, THING_TYPE_NAME } from './patterns.js';
import type { RegistryEnv } from './RegistryEnv.js';
import { resolvePageSize } from './resolvePageSize.js';
import { toPage } from './toPage.js';
import type { Registry, ThingTypeRecord } from './types.js';

interface ThingTypeRow {
  thing_type_name: string;
  thing_type_id: string;
  description: string | null;
  searchable_attributes: string;
  deprecated: number;
  deprecation_date: number | null;
  creation_date: number;
}

const SearchableSchema = z.array(z.string());
const TypeTokenSchema = z.tuple([z.string()]);

/**
 * The thing-type methods of the registry (CreateThingType, DescribeThingType, ListThingTypes,
 * DeprecateThingType, DeleteThingType).
 */
export function thingTypeMethods(
  env: RegistryEnv,
): Pick<
  Registry,
  'createThingType' | 'getThingType' | 'listThingTypes' | 'deprecateThingType' | 'deleteThingType'
> {
  const { db, tx } = env;
  const select = db.prepare<[string], ThingTypeRow>(
    'SELECT * FROM thing_types WHERE thing_type_name = ?',
  );
  const insert = db.prepare<[ThingTypeRow]>(
    `INSERT INTO thing_types (thing_type_name, thing_type_id, description, searchable_attributes,
       deprecated, deprecation_date, creation_date)
     VALUES (@thing_type_name, @thing_type_id, @description, @searchable_attributes, @deprecated,
       @deprecation_date, @creation_date)`,
  );
  const setDeprecated = db.prepare<[{ name: string; deprecated: number; date: number | null }]>(
    `UPDATE thing_types SET deprecated = @deprecated, deprecation_date = @date
     WHERE thing_type_name = @name`,
  );
  const remove = db.prepare<[string]>('DELETE FROM thing_types WHERE thing_type_name = ?');
  const countThings = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM things WHERE thing_type_name = ?',
  );
  const list = db.prepare<
    [{ after: string | null; name: string | null; limit: number }],
    ThingTypeRow
  >(
    `SELECT * FROM thing_types
     WHERE (@after IS NULL OR thing_type_name > @after)
       AND (@name IS NULL OR thing_type_name = @name)
     ORDER BY thing_type_name LIMIT @limit`,
  );

  const toRecord = (row: ThingTypeRow): ThingTypeRecord => ({
    thingTypeName: row.thing_type_name,
    thingTypeId: row.thing_type_id,
    thingTypeArn: env.arn('thingtype', row.thing_type_name),
    ...(row.description === null ? {} : { thingTypeDescription: row.description }),
    searchableAttributes: SearchableSchema.parse(JSON.parse(row.searchable_attributes)),
    deprecated: row.deprecated !== 0,
    ...(row.deprecation_date === null ? {} : { deprecationDate: row.deprecation_date }),
    creationDate: row.creation_date,
  });

  const mustGet = (thingTypeName: string): ThingTypeRow => {
    assertName(THING_TYPE_NAME, thingTypeName);
    const row = select.get(thingTypeName);
    if (!row) {
      throw new LocalCloudError('NOT_FOUND', `Thing type ${thingTypeName} cannot be found.`);
    }
    return row;
  };

  return {
    createThingType(input) {
      assertName(THING_TYPE_NAME, input.thingTypeName);
      if (input.thingTypeDescription !== undefined) {
        assertName(DESCRIPTION, input.thingTypeDescription);
      }
      const searchable = input.searchableAttributes ?? [];
      for (const name of searchable) assertName(ATTRIBUTE_NAME, name);
      if (searchable.length > REGISTRY_LIMITS.searchableAttributes) {
        throw new LocalCloudError(
          'INVALID_REQUEST',
          `Unexpected ${searchable.length} searchable attributes, expected at most ${REGISTRY_LIMITS.searchableAttributes}`,
        );
      }
      return tx(() => {
        const existing = select.get(input.thingTypeName);
        if (existing) {
          // Like CreateThing: the same configuration again succeeds, a different one is refused.
          const record = toRecord(existing);
          if (
            record.thingTypeDescription === input.thingTypeDescription &&
            JSON.stringify(record.searchableAttributes) === JSON.stringify(searchable)
          ) {
            return record;
          }
          throw new LocalCloudError(
            'ALREADY_EXISTS',
            `Thing type ${input.thingTypeName} already exists with a different configuration`,
          );
        }
        const row: ThingTypeRow = {
          thing_type_name: input.thingTypeName,
          thing_type_id: randomUUID(),
          description: input.thingTypeDescription ?? null,
          searchable_attributes: JSON.stringify(searchable),
          deprecated: 0,
          deprecation_date: null,
          creation_date: env.clock.now(),
        };
        insert.run(row);
        return toRecord(row);
      });
    },

    getThingType(thingTypeName) {
      const row = select.get(thingTypeName);
      return row ? toRecord(row) : undefined;
    },

    listThingTypes(query = {}) {
      const size = resolvePageSize(query.maxResults);
      const after =
        query.nextToken === undefined ? null : decodePageToken(query.nextToken, TypeTokenSchema)[0];
      const rows = list.all({ after, name: query.thingTypeName ?? null, limit: size + 1 });
      return toPage(rows, size, toRecord, (row) => [row.thing_type_name]);
    },

    deprecateThingType(thingTypeName, undoDeprecate = false) {
      return tx(() => {
        const row = mustGet(thingTypeName);
        // DeprecateThingType: undoDeprecate "reverts the deprecation"; deprecating again keeps
        // the first deprecation date, so the 5-minute wait is not restarted.
        const next = undoDeprecate
          ? { deprecated: 0, deprecation_date: null }
          : {
              deprecated: 1,
              deprecation_date:
                row.deprecated !== 0 && row.deprecation_date !== null
                  ? row.deprecation_date
                  : env.clock.now(),
            };
        setDeprecated.run({
          name: thingTypeName,
          deprecated: next.deprecated,
          date: next.deprecation_date,
        });
        return toRecord({ ...row, ...next });
      });
    },

    deleteThingType(thingTypeName) {
      tx(() => {
        const row = mustGet(thingTypeName);
        // DeleteThingType: "You cannot delete a thing type if it has things associated with it. To
        // delete a thing type, first mark it as deprecated", and the Developer Guide: "wait for
        // five minutes after you deprecate it." AWS answers InvalidRequestException for each.
        if (row.deprecated === 0 || row.deprecation_date === null) {
          throw new LocalCloudError(
            'INVALID_REQUEST',
            `Cannot delete thing type ${thingTypeName}: it is not deprecated, expected DeprecateThingType first`,
          );
        }
        const ready = row.deprecation_date + REGISTRY_LIMITS.thingTypeDeleteDelayMs;
        if (env.clock.now() < ready) {
          throw new LocalCloudError(
            'INVALID_REQUEST',
            `Cannot delete thing type ${thingTypeName} until 5 minutes after its deprecation, at ${new Date(ready).toISOString()}`,
          );
        }
        const used = countThings.get(thingTypeName)?.n ?? 0;
        if (used > 0) {
          throw new LocalCloudError(
            'INVALID_REQUEST',
            `Cannot delete thing type ${thingTypeName}: ${used} things still have it, expected none`,
          );
        }
        remove.run(thingTypeName);
      });
    },
  };
}
