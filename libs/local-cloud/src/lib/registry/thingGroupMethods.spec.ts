import { LocalCloudError } from '../errors/LocalCloudError.js';
import { createRegistry } from './createRegistry.js';
import type { Page, Registry, RegistryChange } from './types.js';

const REGION = 'ap-northeast-1';
const ACCOUNT = '123456789012';
const T0 = Date.UTC(2025, 0, 1);
const groupArn = (name: string): string => `arn:aws:iot:${REGION}:${ACCOUNT}:thinggroup/${name}`;

function expectError(fn: () => unknown, code: LocalCloudError['code'], message?: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(LocalCloudError);
  expect((caught as LocalCloudError).code).toBe(code);
  if (message) expect((caught as LocalCloudError).message).toMatch(message);
}

const names = (page: Page<{ thingGroupName: string }>): string[] =>
  page.items.map((g) => g.thingGroupName);

describe('thing groups in the registry', () => {
  let now: number;
  let registry: Registry;
  let changes: RegistryChange[];

  beforeEach(() => {
    now = T0;
    registry = createRegistry({
      path: ':memory:',
      region: REGION,
      accountId: ACCOUNT,
      clock: { now: () => now },
    });
    changes = [];
    registry.onChange((c) => changes.push(c));
  });
  afterEach(() => registry.close());

  it('creates groups in a static hierarchy with their path from the root', () => {
    const root = registry.createThingGroup({
      thingGroupName: 'fleet',
      thingGroupDescription: 'All robots',
      attributes: { owner: 'ops', empty: '' },
    });
    expect(root).toEqual({
      thingGroupName: 'fleet',
      thingGroupId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      thingGroupArn: groupArn('fleet'),
      rootToParentThingGroups: [],
      thingGroupDescription: 'All robots',
      attributes: { owner: 'ops' },
      version: 1,
      creationDate: T0,
    });
    registry.createThingGroup({ thingGroupName: 'tokyo', parentGroupName: 'fleet' });
    const floor = registry.createThingGroup({
      thingGroupName: 'tokyo-3f',
      parentGroupName: 'tokyo',
    });
    expect(floor).toMatchObject({
      parentGroupName: 'tokyo',
      rootToParentThingGroups: [
        { groupName: 'fleet', groupArn: groupArn('fleet') },
        { groupName: 'tokyo', groupArn: groupArn('tokyo') },
      ],
    });
    expect(registry.getThingGroup('tokyo-3f')).toEqual(floor);
    expect(registry.getThingGroup('missing')).toBeUndefined();
    // Group changes alone concern no thing.
    expect(changes).toEqual([]);
  });

  it('answers CreateThingGroup again with the same configuration and refuses a different one', () => {
    const first = registry.createThingGroup({ thingGroupName: 'g', attributes: { a: '1' } });
    expect(registry.createThingGroup({ thingGroupName: 'g', attributes: { a: '1' } })).toEqual(
      first,
    );
    expectError(
      () => registry.createThingGroup({ thingGroupName: 'g', attributes: { a: '2' } }),
      'ALREADY_EXISTS',
      /Thing group g already exists/,
    );
  });

  it('refuses bad names, a missing parent and a hierarchy deeper than 7 levels', () => {
    expectError(
      () => registry.createThingGroup({ thingGroupName: 'a b' }),
      'INVALID_REQUEST',
      /Unexpected thing group name "a b", expected \[a-zA-Z0-9:_-\]\{1,128\}/,
    );
    expectError(
      () => registry.createThingGroup({ thingGroupName: 'g', parentGroupName: 'nobody' }),
      'INVALID_REQUEST',
      /Unexpected parentGroupName "nobody", expected an existing thing group/,
    );
    expectError(
      () => registry.createThingGroup({ thingGroupName: 'g', attributes: { k: 'bad value!' } }),
      'INVALID_REQUEST',
      /attribute value/,
    );
    let parent: string | undefined;
    for (let level = 1; level <= 7; level++) {
      registry.createThingGroup({
        thingGroupName: `l${level}`,
        ...(parent === undefined ? {} : { parentGroupName: parent }),
      });
      parent = `l${level}`;
    }
    expectError(
      () => registry.createThingGroup({ thingGroupName: 'l8', parentGroupName: 'l7' }),
      'INVALID_REQUEST',
      /8 levels deep, expected at most 7/,
    );
  });

  it('lists all groups, children, descendants and by name prefix, with pagination', () => {
    registry.createThingGroup({ thingGroupName: 'fleet' });
    registry.createThingGroup({ thingGroupName: 'tokyo', parentGroupName: 'fleet' });
    registry.createThingGroup({ thingGroupName: 'osaka', parentGroupName: 'fleet' });
    registry.createThingGroup({ thingGroupName: 'tokyo-3f', parentGroupName: 'tokyo' });
    registry.createThingGroup({ thingGroupName: 'spare' });
    expect(names(registry.listThingGroups())).toEqual([
      'fleet',
      'osaka',
      'spare',
      'tokyo',
      'tokyo-3f',
    ]);
    expect(names(registry.listThingGroups({ parentGroup: 'fleet' }))).toEqual(['osaka', 'tokyo']);
    expect(names(registry.listThingGroups({ parentGroup: 'fleet', recursive: true }))).toEqual([
      'osaka',
      'tokyo',
      'tokyo-3f',
    ]);
    expect(names(registry.listThingGroups({ namePrefixFilter: 'tokyo' }))).toEqual([
      'tokyo',
      'tokyo-3f',
    ]);
    const first = registry.listThingGroups({ maxResults: 2 });
    expect(names(first)).toEqual(['fleet', 'osaka']);
    const second = registry.listThingGroups({ maxResults: 2, nextToken: first.nextToken ?? '' });
    expect(names(second)).toEqual(['spare', 'tokyo']);
    expectError(() => registry.listThingGroups({ parentGroup: 'nobody' }), 'NOT_FOUND');
  });

  it('updates description and attributes with version checks', () => {
    registry.createThingGroup({ thingGroupName: 'g', attributes: { a: '1', b: '2' } });
    expect(
      registry.updateThingGroup({
        thingGroupName: 'g',
        attributes: { b: '', c: '3' },
        merge: true,
      }),
    ).toMatchObject({ attributes: { a: '1', c: '3' }, version: 2 });
    expect(
      registry.updateThingGroup({
        thingGroupName: 'g',
        thingGroupDescription: 'new',
        attributes: { d: '4' },
        expectedVersion: 2,
      }),
    ).toMatchObject({ thingGroupDescription: 'new', attributes: { d: '4' }, version: 3 });
    expectError(
      () => registry.updateThingGroup({ thingGroupName: 'g', expectedVersion: 1 }),
      'VERSION_CONFLICT',
      /version 3, expected version 1/,
    );
    expectError(() => registry.updateThingGroup({ thingGroupName: 'nobody' }), 'NOT_FOUND');
    expect(registry.getThingGroup('g')?.version).toBe(3);
  });

  it('adds and removes things idempotently, emitting a thing change for each membership change', () => {
    registry.createThingGroup({ thingGroupName: 'g' });
    registry.createThing({ thingName: 'r1' });
    changes.length = 0;
    registry.addThingToThingGroup('g', 'r1');
    registry.addThingToThingGroup('g', 'r1');
    expect(registry.listThingsInThingGroup('g').items).toEqual(['r1']);
    expect(names(registry.listThingGroupsForThing('r1'))).toEqual(['g']);
    registry.removeThingFromThingGroup('g', 'r1');
    registry.removeThingFromThingGroup('g', 'r1');
    expect(registry.listThingsInThingGroup('g').items).toEqual([]);
    expect(changes).toEqual([
      { type: 'thing', thingName: 'r1' },
      { type: 'thing', thingName: 'r1' },
    ]);
    expectError(() => registry.addThingToThingGroup('nobody', 'r1'), 'NOT_FOUND', /nobody/);
    expectError(() => registry.addThingToThingGroup('g', 'ghost'), 'NOT_FOUND', /ghost/);
    expectError(() => registry.removeThingFromThingGroup('g', 'ghost'), 'NOT_FOUND');
    expectError(() => registry.listThingGroupsForThing('ghost'), 'NOT_FOUND');
    expectError(() => registry.listThingsInThingGroup('nobody'), 'NOT_FOUND');
  });

  it('refuses an eleventh group for a thing', () => {
    registry.createThing({ thingName: 'r1' });
    for (let i = 0; i < 11; i++) registry.createThingGroup({ thingGroupName: `g${i}` });
    for (let i = 0; i < 10; i++) registry.addThingToThingGroup(`g${i}`, 'r1');
    expectError(
      () => registry.addThingToThingGroup('g10', 'r1'),
      'INVALID_REQUEST',
      /already belongs to 10 groups, expected at most 10/,
    );
    // Adding again to a group it is in is not a new membership.
    expect(() => registry.addThingToThingGroup('g3', 'r1')).not.toThrow();
    expect(registry.listThingGroupsForThing('r1', { maxResults: 250 }).items).toHaveLength(10);
  });

  it('lists things of a group and, recursively, of its descendants with pagination', () => {
    registry.createThingGroup({ thingGroupName: 'fleet' });
    registry.createThingGroup({ thingGroupName: 'tokyo', parentGroupName: 'fleet' });
    for (const name of ['r1', 'r2', 'r3']) registry.createThing({ thingName: name });
    registry.addThingToThingGroup('fleet', 'r3');
    registry.addThingToThingGroup('tokyo', 'r1');
    registry.addThingToThingGroup('tokyo', 'r2');
    expect(registry.listThingsInThingGroup('fleet').items).toEqual(['r3']);
    expect(registry.listThingsInThingGroup('fleet', { recursive: true }).items).toEqual([
      'r1',
      'r2',
      'r3',
    ]);
    const first = registry.listThingsInThingGroup('fleet', { recursive: true, maxResults: 2 });
    expect(first.items).toEqual(['r1', 'r2']);
    const second = registry.listThingsInThingGroup('fleet', {
      recursive: true,
      maxResults: 2,
      nextToken: first.nextToken ?? '',
    });
    expect(second).toEqual({ items: ['r3'] });
  });

  it('refuses a second group of the same hierarchy for a thing', () => {
    registry.createThingGroup({ thingGroupName: 'fleet' });
    registry.createThingGroup({ thingGroupName: 'tokyo', parentGroupName: 'fleet' });
    registry.createThingGroup({ thingGroupName: 'osaka', parentGroupName: 'fleet' });
    registry.createThingGroup({ thingGroupName: 'spare' });
    registry.createThing({ thingName: 'r1' });
    registry.addThingToThingGroup('tokyo', 'r1');
    for (const group of ['fleet', 'osaka']) {
      expectError(
        () => registry.addThingToThingGroup(group, 'r1'),
        'INVALID_REQUEST',
        /already belongs to tokyo in the same hierarchy \(root fleet\)/,
      );
    }
    registry.addThingToThingGroup('spare', 'r1');
    expect(names(registry.listThingGroupsForThing('r1'))).toEqual(['spare', 'tokyo']);
  });

  it('deletes a group with its memberships, refusing one with child groups', () => {
    registry.createThingGroup({ thingGroupName: 'fleet' });
    registry.createThingGroup({ thingGroupName: 'tokyo', parentGroupName: 'fleet' });
    registry.createThingGroup({ thingGroupName: 'spare' });
    registry.createThing({ thingName: 'r1' });
    registry.createThing({ thingName: 'r2' });
    registry.addThingToThingGroup('tokyo', 'r1');
    registry.addThingToThingGroup('tokyo', 'r2');
    registry.addThingToThingGroup('spare', 'r1');
    expectError(
      () => registry.deleteThingGroup('fleet'),
      'INVALID_REQUEST',
      /it has 1 child groups, expected none/,
    );
    expectError(() => registry.deleteThingGroup('tokyo', 5), 'VERSION_CONFLICT');
    changes.length = 0;
    registry.deleteThingGroup('tokyo', 1);
    expect(registry.getThingGroup('tokyo')).toBeUndefined();
    expect(names(registry.listThingGroupsForThing('r2'))).toEqual([]);
    expect(names(registry.listThingGroupsForThing('r1'))).toEqual(['spare']);
    expect(changes).toEqual([
      { type: 'thing', thingName: 'r1' },
      { type: 'thing', thingName: 'r2' },
    ]);
    // DeleteThingGroup succeeds for a missing group.
    expect(() => registry.deleteThingGroup('tokyo')).not.toThrow();
    registry.deleteThingGroup('fleet');
    expect(names(registry.listThingGroups())).toEqual(['spare']);
  });

  it('drops the memberships of a deleted thing', () => {
    registry.createThingGroup({ thingGroupName: 'g' });
    registry.createThing({ thingName: 'r1' });
    registry.addThingToThingGroup('g', 'r1');
    registry.deleteThing('r1');
    expect(registry.listThingsInThingGroup('g').items).toEqual([]);
    // A new thing of the same name starts without groups.
    registry.createThing({ thingName: 'r1' });
    expect(registry.listThingGroupsForThing('r1').items).toEqual([]);
  });

  it('rolls back a membership change made inside a failed transaction', () => {
    registry.createThingGroup({ thingGroupName: 'g' });
    registry.createThing({ thingName: 'r1' });
    changes.length = 0;
    expect(() =>
      registry.transaction(() => {
        registry.addThingToThingGroup('g', 'r1');
        throw new Error('boom');
      }),
    ).toThrow();
    expect(registry.listThingsInThingGroup('g').items).toEqual([]);
    expect(changes).toEqual([]);
  });
});
