import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry } from './createRegistry.js';
import type { Registry } from './types.js';

const REGION = 'ap-northeast-1';
const ACCOUNT = '123456789012';
const T0 = Date.UTC(2025, 0, 1);

describe('thing types, thing groups and memberships in a SQLite file', () => {
  let dir: string;
  let file: string;
  let now: number;
  const open: Registry[] = [];
  const openRegistry = (): Registry => {
    const r = createRegistry({
      path: file,
      region: REGION,
      accountId: ACCOUNT,
      clock: { now: () => now },
    });
    open.push(r);
    return r;
  };

  beforeEach(async () => {
    now = T0;
    dir = await mkdtemp(join(tmpdir(), 'registry-groups-'));
    file = join(dir, 'registry.sqlite');
  });
  afterEach(async () => {
    for (const r of open.splice(0)) r.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps types, groups, hierarchy and memberships across close and reopen', () => {
    const a = openRegistry();
    const type = a.createThingType({
      thingTypeName: 'amr',
      thingTypeDescription: 'robot',
      searchableAttributes: ['site'],
    });
    a.createThingType({ thingTypeName: 'old' });
    a.deprecateThingType('old');
    a.createThing({ thingName: 'r1', thingTypeName: 'amr' });
    const fleet = a.createThingGroup({ thingGroupName: 'fleet', attributes: { owner: 'ops' } });
    const tokyo = a.createThingGroup({
      thingGroupName: 'tokyo',
      parentGroupName: 'fleet',
      thingGroupDescription: 'Tokyo site',
    });
    a.updateThingGroup({ thingGroupName: 'fleet', attributes: { tier: 'gold' }, merge: true });
    a.addThingToThingGroup('tokyo', 'r1');
    a.close();

    const b = openRegistry();
    expect(b.getThingType('amr')).toEqual(type);
    expect(b.getThingType('old')).toMatchObject({ deprecated: true, deprecationDate: T0 });
    expect(b.getThing('r1')?.thingTypeName).toBe('amr');
    expect(b.getThingGroup('fleet')).toEqual({
      ...fleet,
      attributes: { owner: 'ops', tier: 'gold' },
      version: 2,
    });
    expect(b.getThingGroup('tokyo')).toEqual(tokyo);
    expect(b.listThingsInThingGroup('fleet', { recursive: true }).items).toEqual(['r1']);
    expect(b.listThingGroupsForThing('r1').items.map((g) => g.thingGroupName)).toEqual(['tokyo']);
    // The deprecation date survives the restart, so the 5-minute wait counts from it.
    now = T0 + 5 * 60_000;
    b.deleteThingType('old');
    b.close();

    const c = openRegistry();
    expect(c.getThingType('old')).toBeUndefined();
    expect(c.listThingTypes().items.map((t) => t.thingTypeName)).toEqual(['amr']);
  });
});
