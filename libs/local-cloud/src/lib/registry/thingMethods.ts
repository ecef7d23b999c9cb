import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { assertName } from './assertName.js';
import { createThingTypeGuard } from './createThingTypeGuard.js';
import { decodePageToken } from './decodePageToken.js';
import { ATTRIBUTE_NAME, ATTRIBUTE_VALUE, THING_NAME, THING_TYPE_NAME } from './patterns.js';
import type { RegistryEnv } from './RegistryEnv.js';
import { resolvePageSize } from './resolvePageSize.js';
import { toPage } from './toPage.js';
import type { Registry, ThingRecord } from './types.js';

interface ThingRow {
  thing_name: string;
  thing_id: string;
  thing_type_name: string | null;
  attributes: string;
  version: number;
  creation_date: number;
}

const AttributesSchema = z.record(z.string(), z.string());
const ThingTokenSchema = z.tuple([z.string()]);

/** The thing methods of the registry (CreateThing, DescribeThing, ListThings, UpdateThing, DeleteThing). */
export function thingMethods(
  env: RegistryEnv,
): Pick<Registry, 'createThing' | 'getThing' | 'listThings' | 'updateThing' | 'deleteThing'> {
  const { db, tx, emit } = env;
  const select = db.prepare<[string], ThingRow>('SELECT * FROM things WHERE thing_name = ?');
  const insert = db.prepare<[ThingRow]>(
    `INSERT INTO things (thing_name, thing_id, thing_type_name, attributes, version, creation_date)
     VALUES (@thing_name, @thing_id, @thing_type_name, @attributes, @version, @creation_date)`,
  );
  const update = db.prepare<
    [Pick<ThingRow, 'thing_name' | 'thing_type_name' | 'attributes' | 'version'>]
  >(
    `UPDATE things SET thing_type_name = @thing_type_name, attributes = @attributes, version = @version
     WHERE thing_name = @thing_name`,
  );
  const remove = db.prepare<[string]>('DELETE FROM things WHERE thing_name = ?');
  const assertUsableThingType = createThingTypeGuard(db);
  const countPrincipals = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM thing_principals WHERE thing_name = ?',
  );
  const list = db.prepare<
    [
      {
        after: string | null;
        type: string | null;
        path: string | null;
        value: string | null;
        limit: number;
      },
    ],
    ThingRow
  >(
    `SELECT * FROM things
     WHERE (@after IS NULL OR thing_name > @after)
       AND (@type IS NULL OR thing_type_name = @type)
       AND (@path IS NULL OR json_extract(attributes, @path) IS NOT NULL)
       AND (@value IS NULL OR json_extract(attributes, @path) = @value)
     ORDER BY thing_name LIMIT @limit`,
  );

  const toRecord = (row: ThingRow): ThingRecord => ({
    thingName: row.thing_name,
    thingId: row.thing_id,
    thingArn: env.arn('thing', row.thing_name),
    ...(row.thing_type_name === null ? {} : { thingTypeName: row.thing_type_name }),
    attributes: AttributesSchema.parse(JSON.parse(row.attributes)),
    version: row.version,
    creationDate: row.creation_date,
  });

  const mustGet = (thingName: string): ThingRow => {
    const row = select.get(thingName);
    if (!row) throw new LocalCloudError('NOT_FOUND', `Thing "${thingName}" does not exist`);
    return row;
  };

  return {
    createThing(input) {
      assertName(THING_NAME, input.thingName);
      if (input.thingTypeName !== undefined) assertName(THING_TYPE_NAME, input.thingTypeName);
      const attributes = cleanAttributes(input.attributes ?? {});
      return tx(() => {
        const existing = select.get(input.thingName);
        if (existing) {
          // CreateThing: "If this call is made multiple times using the same thing name and
          // configuration, the call will succeed. If this call is made with the same thing name but
          // different configuration a ResourceAlreadyExistsException is thrown."
          const record = toRecord(existing);
          if (
            record.thingTypeName === input.thingTypeName &&
            sameAttributes(record.attributes, attributes)
          ) {
            return record;
          }
          throw new LocalCloudError(
            'ALREADY_EXISTS',
            `Thing "${input.thingName}" already exists with a different configuration`,
          );
        }
        if (input.thingTypeName !== undefined) assertUsableThingType(input.thingTypeName);
        const row: ThingRow = {
          thing_name: input.thingName,
          thing_id: randomUUID(),
          thing_type_name: input.thingTypeName ?? null,
          attributes: JSON.stringify(attributes),
          version: 1,
          creation_date: env.clock.now(),
        };
        insert.run(row);
        emit({ type: 'thing', thingName: input.thingName });
        return toRecord(row);
      });
    },

    getThing(thingName) {
      const row = select.get(thingName);
      return row ? toRecord(row) : undefined;
    },

    listThings(query = {}) {
      const size = resolvePageSize(query.maxResults);
      const after =
        query.nextToken === undefined
          ? null
          : decodePageToken(query.nextToken, ThingTokenSchema)[0];
      if (query.attributeName !== undefined) assertName(ATTRIBUTE_NAME, query.attributeName);
      if (query.attributeValue !== undefined && query.attributeName === undefined) {
        throw new LocalCloudError(
          'INVALID_REQUEST',
          `Unexpected attributeValue "${query.attributeValue}" without attributeName, expected both`,
        );
      }
      const rows = list.all({
        after,
        type: query.thingTypeName ?? null,
        // Attribute names may hold dots, which a JSON path must quote; the name pattern has no quotes.
        path: query.attributeName === undefined ? null : `$."${query.attributeName}"`,
        value: query.attributeValue ?? null,
        limit: size + 1,
      });
      return toPage(rows, size, toRecord, (row) => [row.thing_name]);
    },

    updateThing(input) {
      assertName(THING_NAME, input.thingName);
      if (input.thingTypeName !== undefined) assertName(THING_TYPE_NAME, input.thingTypeName);
      if (input.thingTypeName !== undefined && input.removeThingType) {
        // UpdateThing: "removeThingType ... You cannot specify both thingTypeName and removeThingType."
        throw new LocalCloudError(
          'INVALID_REQUEST',
          `Unexpected thingTypeName "${input.thingTypeName}" together with removeThingType, expected one of them`,
        );
      }
      return tx(() => {
        const row = mustGet(input.thingName);
        if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
          throw new LocalCloudError(
            'VERSION_CONFLICT',
            `Thing "${input.thingName}" is at version ${row.version}, expected version ${input.expectedVersion}`,
          );
        }
        if (input.thingTypeName !== undefined && input.thingTypeName !== row.thing_type_name) {
          assertUsableThingType(input.thingTypeName);
        }
        const current = AttributesSchema.parse(JSON.parse(row.attributes));
        let attributes = current;
        if (input.attributes !== undefined) {
          // AttributePayload.merge: merge into the stored attributes instead of replacing them;
          // "To remove an attribute, call UpdateThing with an empty attribute value."
          attributes = cleanAttributes(
            input.merge ? { ...current, ...input.attributes } : input.attributes,
          );
        }
        const next = {
          thing_name: row.thing_name,
          thing_type_name: input.removeThingType
            ? null
            : (input.thingTypeName ?? row.thing_type_name),
          attributes: JSON.stringify(attributes),
          version: row.version + 1,
        };
        update.run(next);
        emit({ type: 'thing', thingName: row.thing_name });
        return toRecord({ ...row, ...next });
      });
    },

    deleteThing(thingName, expectedVersion) {
      assertName(THING_NAME, thingName);
      tx(() => {
        // DeleteThing: "Returns successfully with no error if the deletion is successful or you
        // specify a thing that doesn't exist."
        const row = select.get(thingName);
        if (!row) return;
        if (expectedVersion !== undefined && expectedVersion !== row.version) {
          throw new LocalCloudError(
            'VERSION_CONFLICT',
            `Thing "${thingName}" is at version ${row.version}, expected version ${expectedVersion}`,
          );
        }
        // AWS refuses with InvalidRequestException and this message while principals are attached.
        if ((countPrincipals.get(thingName)?.n ?? 0) > 0) {
          throw new LocalCloudError(
            'INVALID_REQUEST',
            `Cannot delete. Thing ${thingName} is still attached to one or more principals`,
          );
        }
        remove.run(thingName);
        emit({ type: 'thing', thingName });
      });
    },
  };
}

/** Validates attribute names and values; an empty value means "no such attribute" (AWS). */
function cleanAttributes(attributes: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    assertName(ATTRIBUTE_NAME, name);
    assertName(ATTRIBUTE_VALUE, value);
    if (value !== '') out[name] = value;
  }
  return out;
}

function sameAttributes(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
