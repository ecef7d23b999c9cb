import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { assertName } from './assertName.js';
import { decodePageToken } from './decodePageToken.js';
import { REGISTRY_LIMITS } from './limits.js';
import {
  ATTRIBUTE_NAME,
  ATTRIBUTE_VALUE,
  DESCRIPTION,
  THING_GROUP_NAME,
  THING_NAME,
} from './patterns.js';
import type { RegistryEnv } from './RegistryEnv.js';
import { resolvePageSize } from './resolvePageSize.js';
import { toPage } from './toPage.js';
import type { GroupNameAndArn, Registry, ThingGroupRecord } from './types.js';

interface ThingGroupRow {
  thing_group_name: string;
  thing_group_id: string;
  parent_group_name: string | null;
  description: string | null;
  attributes: string;
  version: number;
  creation_date: number;
}

const AttributesSchema = z.record(z.string(), z.string());
const NameTokenSchema = z.tuple([z.string()]);

/**
 * The static thing-group methods of the registry: CreateThingGroup, DescribeThingGroup,
 * ListThingGroups, UpdateThingGroup, DeleteThingGroup, AddThingToThingGroup,
 * RemoveThingFromThingGroup, ListThingGroupsForThing and ListThingsInThingGroup. A membership
 * change emits a `thing` change for the thing, so cached authorizers of its connections are rebuilt.
 */
export function thingGroupMethods(
  env: RegistryEnv,
): Pick<
  Registry,
  | 'createThingGroup'
  | 'getThingGroup'
  | 'listThingGroups'
  | 'updateThingGroup'
  | 'deleteThingGroup'
  | 'addThingToThingGroup'
  | 'removeThingFromThingGroup'
  | 'listThingGroupsForThing'
  | 'listThingsInThingGroup'
> {
  const { db, tx, emit } = env;
  const select = db.prepare<[string], ThingGroupRow>(
    'SELECT * FROM thing_groups WHERE thing_group_name = ?',
  );
  const insert = db.prepare<[ThingGroupRow]>(
    `INSERT INTO thing_groups (thing_group_name, thing_group_id, parent_group_name, description,
       attributes, version, creation_date)
     VALUES (@thing_group_name, @thing_group_id, @parent_group_name, @description, @attributes,
       @version, @creation_date)`,
  );
  const update = db.prepare<
    [Pick<ThingGroupRow, 'thing_group_name' | 'description' | 'attributes' | 'version'>]
  >(
    `UPDATE thing_groups SET description = @description, attributes = @attributes,
       version = @version WHERE thing_group_name = @thing_group_name`,
  );
  const remove = db.prepare<[string]>('DELETE FROM thing_groups WHERE thing_group_name = ?');
  const countChildren = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM thing_groups WHERE parent_group_name = ?',
  );
  const thingExists = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM things WHERE thing_name = ?',
  );
  const insertMember = db.prepare<[string, string]>(
    'INSERT OR IGNORE INTO thing_group_members (thing_group_name, thing_name) VALUES (?, ?)',
  );
  const removeMember = db.prepare<[string, string]>(
    'DELETE FROM thing_group_members WHERE thing_group_name = ? AND thing_name = ?',
  );
  const isMember = db.prepare<[string, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM thing_group_members WHERE thing_group_name = ? AND thing_name = ?',
  );
  const countGroupsOf = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM thing_group_members WHERE thing_name = ?',
  );
  const groupNamesOf = db.prepare<[string], { thing_group_name: string }>(
    'SELECT thing_group_name FROM thing_group_members WHERE thing_name = ?',
  );
  const membersOf = db.prepare<[string], { thing_name: string }>(
    'SELECT thing_name FROM thing_group_members WHERE thing_group_name = ? ORDER BY thing_name',
  );
  const list = db.prepare<
    [
      {
        after: string | null;
        parent: string | null;
        recursive: number;
        prefix: string | null;
        limit: number;
      },
    ],
    ThingGroupRow
  >(
    `WITH RECURSIVE below (name, depth) AS (
       SELECT thing_group_name, 1 FROM thing_groups WHERE parent_group_name = @parent
       UNION ALL
       SELECT g.thing_group_name, below.depth + 1 FROM thing_groups g
         JOIN below ON g.parent_group_name = below.name
       WHERE @recursive = 1
     )
     SELECT * FROM thing_groups
     WHERE (@after IS NULL OR thing_group_name > @after)
       AND (@parent IS NULL OR thing_group_name IN (SELECT name FROM below))
       AND (@prefix IS NULL OR substr(thing_group_name, 1, length(@prefix)) = @prefix)
     ORDER BY thing_group_name LIMIT @limit`,
  );
  const groupsOfThing = db.prepare<
    [{ thing: string; after: string | null; limit: number }],
    ThingGroupRow
  >(
    `SELECT g.* FROM thing_group_members m JOIN thing_groups g USING (thing_group_name)
     WHERE m.thing_name = @thing AND (@after IS NULL OR g.thing_group_name > @after)
     ORDER BY g.thing_group_name LIMIT @limit`,
  );
  const thingsInGroup = db.prepare<
    [{ group: string; recursive: number; after: string | null; limit: number }],
    { thing_name: string }
  >(
    `WITH RECURSIVE tree (name) AS (
       SELECT @group
       UNION
       SELECT g.thing_group_name FROM thing_groups g JOIN tree ON g.parent_group_name = tree.name
       WHERE @recursive = 1
     )
     SELECT DISTINCT thing_name FROM thing_group_members
     WHERE thing_group_name IN (SELECT name FROM tree)
       AND (@after IS NULL OR thing_name > @after)
     ORDER BY thing_name LIMIT @limit`,
  );

  /** The ancestors of a group, root first. */
  const ancestorsOf = (parent: string | null): GroupNameAndArn[] => {
    const path: GroupNameAndArn[] = [];
    let name = parent;
    while (name !== null) {
      path.unshift({ groupName: name, groupArn: env.arn('thinggroup', name) });
      name = select.get(name)?.parent_group_name ?? null;
    }
    return path;
  };

  const rootOf = (row: ThingGroupRow): string =>
    ancestorsOf(row.parent_group_name)[0]?.groupName ?? row.thing_group_name;

  const toRecord = (row: ThingGroupRow): ThingGroupRecord => ({
    thingGroupName: row.thing_group_name,
    thingGroupId: row.thing_group_id,
    thingGroupArn: env.arn('thinggroup', row.thing_group_name),
    ...(row.parent_group_name === null ? {} : { parentGroupName: row.parent_group_name }),
    rootToParentThingGroups: ancestorsOf(row.parent_group_name),
    ...(row.description === null ? {} : { thingGroupDescription: row.description }),
    attributes: AttributesSchema.parse(JSON.parse(row.attributes)),
    version: row.version,
    creationDate: row.creation_date,
  });

  const mustGet = (thingGroupName: string): ThingGroupRow => {
    assertName(THING_GROUP_NAME, thingGroupName);
    const row = select.get(thingGroupName);
    if (!row) {
      throw new LocalCloudError('NOT_FOUND', `Thing group ${thingGroupName} cannot be found.`);
    }
    return row;
  };

  const mustHaveThing = (thingName: string): void => {
    assertName(THING_NAME, thingName);
    if ((thingExists.get(thingName)?.n ?? 0) === 0) {
      throw new LocalCloudError('NOT_FOUND', `Thing ${thingName} cannot be found.`);
    }
  };

  const pageAfter = (nextToken: string | undefined): string | null =>
    nextToken === undefined ? null : decodePageToken(nextToken, NameTokenSchema)[0];

  return {
    createThingGroup(input) {
      assertName(THING_GROUP_NAME, input.thingGroupName);
      if (input.parentGroupName !== undefined) assertName(THING_GROUP_NAME, input.parentGroupName);
      if (input.thingGroupDescription !== undefined) {
        assertName(DESCRIPTION, input.thingGroupDescription);
      }
      const attributes = cleanAttributes(input.attributes ?? {});
      return tx(() => {
        const existing = select.get(input.thingGroupName);
        if (existing) {
          // As CreateThing: the same configuration again succeeds, a different one is refused.
          const record = toRecord(existing);
          if (
            record.parentGroupName === input.parentGroupName &&
            record.thingGroupDescription === input.thingGroupDescription &&
            sameAttributes(record.attributes, attributes)
          ) {
            return record;
          }
          throw new LocalCloudError(
            'ALREADY_EXISTS',
            `Thing group ${input.thingGroupName} already exists with a different configuration`,
          );
        }
        if (input.parentGroupName !== undefined) {
          // CreateThingGroup lists no ResourceNotFoundException: a missing parent is an invalid request.
          if (!select.get(input.parentGroupName)) {
            throw new LocalCloudError(
              'INVALID_REQUEST',
              `Unexpected parentGroupName "${input.parentGroupName}", expected an existing thing group`,
            );
          }
          const depth = ancestorsOf(input.parentGroupName).length + 1;
          if (depth > REGISTRY_LIMITS.thingGroupDepth) {
            throw new LocalCloudError(
              'INVALID_REQUEST',
              `Unexpected parentGroupName "${input.parentGroupName}": the hierarchy would be ${depth} levels deep, expected at most ${REGISTRY_LIMITS.thingGroupDepth}`,
            );
          }
        }
        const row: ThingGroupRow = {
          thing_group_name: input.thingGroupName,
          thing_group_id: randomUUID(),
          parent_group_name: input.parentGroupName ?? null,
          description: input.thingGroupDescription ?? null,
          attributes: JSON.stringify(attributes),
          version: 1,
          creation_date: env.clock.now(),
        };
        insert.run(row);
        return toRecord(row);
      });
    },

    getThingGroup(thingGroupName) {
      const row = select.get(thingGroupName);
      return row ? toRecord(row) : undefined;
    },

    listThingGroups(query = {}) {
      const size = resolvePageSize(query.maxResults);
      const after = pageAfter(query.nextToken);
      if (query.parentGroup !== undefined) mustGet(query.parentGroup);
      const rows = list.all({
        after,
        parent: query.parentGroup ?? null,
        recursive: query.recursive ? 1 : 0,
        prefix: query.namePrefixFilter ?? null,
        limit: size + 1,
      });
      return toPage(rows, size, toRecord, (row) => [row.thing_group_name]);
    },

    updateThingGroup(input) {
      if (input.thingGroupDescription !== undefined) {
        assertName(DESCRIPTION, input.thingGroupDescription);
      }
      return tx(() => {
        const row = mustGet(input.thingGroupName);
        if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
          throw new LocalCloudError(
            'VERSION_CONFLICT',
            `Thing group "${input.thingGroupName}" is at version ${row.version}, expected version ${input.expectedVersion}`,
          );
        }
        const current = AttributesSchema.parse(JSON.parse(row.attributes));
        const attributes =
          input.attributes === undefined
            ? current
            : cleanAttributes(input.merge ? { ...current, ...input.attributes } : input.attributes);
        const next = {
          thing_group_name: row.thing_group_name,
          description: input.thingGroupDescription ?? row.description,
          attributes: JSON.stringify(attributes),
          version: row.version + 1,
        };
        update.run(next);
        return toRecord({ ...row, ...next });
      });
    },

    deleteThingGroup(thingGroupName, expectedVersion) {
      assertName(THING_GROUP_NAME, thingGroupName);
      tx(() => {
        // DeleteThingGroup lists no ResourceNotFoundException: deleting a missing group succeeds.
        const row = select.get(thingGroupName);
        if (!row) return;
        if (expectedVersion !== undefined && expectedVersion !== row.version) {
          throw new LocalCloudError(
            'VERSION_CONFLICT',
            `Thing group "${thingGroupName}" is at version ${row.version}, expected version ${expectedVersion}`,
          );
        }
        // AWS refuses to delete a group that still has child groups (InvalidRequestException).
        const children = countChildren.get(thingGroupName)?.n ?? 0;
        if (children > 0) {
          throw new LocalCloudError(
            'INVALID_REQUEST',
            `Cannot delete thing group ${thingGroupName}: it has ${children} child groups, expected none`,
          );
        }
        const members = membersOf.all(thingGroupName);
        // Memberships go with the group (ON DELETE CASCADE).
        remove.run(thingGroupName);
        for (const { thing_name } of members) emit({ type: 'thing', thingName: thing_name });
      });
    },

    addThingToThingGroup(thingGroupName, thingName) {
      tx(() => {
        const group = mustGet(thingGroupName);
        mustHaveThing(thingName);
        if ((isMember.get(thingGroupName, thingName)?.n ?? 0) > 0) return;
        // Thing groups: "you can't add a thing to more than one group in the same hierarchy."
        const root = rootOf(group);
        for (const { thing_group_name: other } of groupNamesOf.all(thingName)) {
          const otherRow = select.get(other);
          if (otherRow && rootOf(otherRow) === root) {
            throw new LocalCloudError(
              'INVALID_REQUEST',
              `Cannot add thing ${thingName} to thing group ${thingGroupName}: it already belongs to ${other} in the same hierarchy (root ${root}), expected one group per hierarchy`,
            );
          }
        }
        // Thing groups: "You can add a thing to a maximum of 10 groups."
        const groups = countGroupsOf.get(thingName)?.n ?? 0;
        if (groups >= REGISTRY_LIMITS.thingGroupsPerThing) {
          throw new LocalCloudError(
            'INVALID_REQUEST',
            `Cannot add thing ${thingName} to thing group ${thingGroupName}: it already belongs to ${groups} groups, expected at most ${REGISTRY_LIMITS.thingGroupsPerThing}`,
          );
        }
        insertMember.run(thingGroupName, thingName);
        emit({ type: 'thing', thingName });
      });
    },

    removeThingFromThingGroup(thingGroupName, thingName) {
      tx(() => {
        mustGet(thingGroupName);
        mustHaveThing(thingName);
        if (removeMember.run(thingGroupName, thingName).changes > 0) {
          emit({ type: 'thing', thingName });
        }
      });
    },

    listThingGroupsForThing(thingName, query = {}) {
      const size = resolvePageSize(query.maxResults);
      const after = pageAfter(query.nextToken);
      mustHaveThing(thingName);
      const rows = groupsOfThing.all({ thing: thingName, after, limit: size + 1 });
      return toPage(rows, size, toRecord, (row) => [row.thing_group_name]);
    },

    listThingsInThingGroup(thingGroupName, query = {}) {
      const size = resolvePageSize(query.maxResults);
      const after = pageAfter(query.nextToken);
      mustGet(thingGroupName);
      const rows = thingsInGroup.all({
        group: thingGroupName,
        recursive: query.recursive ? 1 : 0,
        after,
        limit: size + 1,
      });
      return toPage(
        rows,
        size,
        (row) => row.thing_name,
        (row) => [row.thing_name],
      );
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
