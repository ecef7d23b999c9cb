import { LocalCloudError } from '../errors/LocalCloudError.js';
import { createRegistry } from './createRegistry.js';
import type { Registry, RegistryChange } from './types.js';

const REGION = 'ap-northeast-1';
const ACCOUNT = '123456789012';
const T0 = Date.UTC(2025, 0, 1);
const FIVE_MINUTES = 5 * 60_000;

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

describe('thing types in the registry', () => {
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

  it('creates a thing type with an id, an ARN, its properties and the creation time', () => {
    const type = registry.createThingType({
      thingTypeName: 'amr',
      thingTypeDescription: 'Autonomous mobile robot',
      searchableAttributes: ['site', 'floor'],
    });
    expect(type).toEqual({
      thingTypeName: 'amr',
      thingTypeId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      thingTypeArn: `arn:aws:iot:${REGION}:${ACCOUNT}:thingtype/amr`,
      thingTypeDescription: 'Autonomous mobile robot',
      searchableAttributes: ['site', 'floor'],
      deprecated: false,
      creationDate: T0,
    });
    expect(registry.getThingType('amr')).toEqual(type);
    expect(registry.getThingType('missing')).toBeUndefined();
  });

  it('answers CreateThingType again with the same configuration and refuses a different one', () => {
    const first = registry.createThingType({ thingTypeName: 'amr', thingTypeDescription: 'a' });
    expect(registry.createThingType({ thingTypeName: 'amr', thingTypeDescription: 'a' })).toEqual(
      first,
    );
    expectError(
      () => registry.createThingType({ thingTypeName: 'amr', thingTypeDescription: 'b' }),
      'ALREADY_EXISTS',
      /amr/,
    );
  });

  it('validates names, descriptions and searchable attributes', () => {
    expectError(
      () => registry.createThingType({ thingTypeName: 'a/b' }),
      'INVALID_REQUEST',
      /Unexpected thing type name "a\/b", expected \[a-zA-Z0-9:_-\]\{1,128\}/,
    );
    expectError(
      () => registry.createThingType({ thingTypeName: 'ok', thingTypeDescription: 'é' }),
      'INVALID_REQUEST',
      /description/,
    );
    expectError(
      () =>
        registry.createThingType({
          thingTypeName: 'ok',
          searchableAttributes: ['a', 'b', 'c', 'd'],
        }),
      'INVALID_REQUEST',
      /4 searchable attributes, expected at most 3/,
    );
    expectError(
      () => registry.createThingType({ thingTypeName: 'ok', searchableAttributes: ['bad key'] }),
      'INVALID_REQUEST',
      /attribute name/,
    );
    expect(registry.getThingType('ok')).toBeUndefined();
  });

  it('lists thing types by name with pagination and a name filter', () => {
    for (const name of ['c', 'a', 'b']) registry.createThingType({ thingTypeName: name });
    const first = registry.listThingTypes({ maxResults: 2 });
    expect(first.items.map((t) => t.thingTypeName)).toEqual(['a', 'b']);
    const second = registry.listThingTypes({ maxResults: 2, nextToken: first.nextToken ?? '' });
    expect(second.items.map((t) => t.thingTypeName)).toEqual(['c']);
    expect(second.nextToken).toBeUndefined();
    expect(
      registry.listThingTypes({ thingTypeName: 'b' }).items.map((t) => t.thingTypeName),
    ).toEqual(['b']);
  });

  it('lets CreateThing and UpdateThing use only an existing, non-deprecated type', () => {
    expectError(
      () => registry.createThing({ thingName: 'r1', thingTypeName: 'amr' }),
      'INVALID_REQUEST',
      /Unexpected thing type "amr", expected an existing thing type/,
    );
    expect(registry.getThing('r1')).toBeUndefined();
    registry.createThingType({ thingTypeName: 'amr' });
    registry.createThingType({ thingTypeName: 'agv' });
    registry.createThing({ thingName: 'r1', thingTypeName: 'amr' });
    registry.createThing({ thingName: 'r2' });
    changes.length = 0;

    registry.deprecateThingType('agv');
    expectError(
      () => registry.createThing({ thingName: 'r3', thingTypeName: 'agv' }),
      'INVALID_REQUEST',
      /deprecated/,
    );
    expectError(
      () => registry.updateThing({ thingName: 'r2', thingTypeName: 'agv' }),
      'INVALID_REQUEST',
      /deprecated/,
    );
    expectError(
      () => registry.updateThing({ thingName: 'r2', thingTypeName: 'nope' }),
      'INVALID_REQUEST',
      /existing thing type/,
    );
    expect(registry.getThing('r2')?.version).toBe(1);
    expect(changes).toEqual([]);

    // A thing keeps a type that became deprecated, and other updates still work.
    registry.deprecateThingType('amr');
    expect(registry.updateThing({ thingName: 'r1', attributes: { a: '1' } })).toMatchObject({
      thingTypeName: 'amr',
      version: 2,
    });
    registry.deprecateThingType('agv', true);
    expect(registry.updateThing({ thingName: 'r2', thingTypeName: 'agv' }).thingTypeName).toBe(
      'agv',
    );
    expect(changes).toEqual([
      { type: 'thing', thingName: 'r1' },
      { type: 'thing', thingName: 'r2' },
    ]);
  });

  it('deprecates, undoes the deprecation and keeps the first deprecation date', () => {
    registry.createThingType({ thingTypeName: 'amr' });
    now = T0 + 1000;
    expect(registry.deprecateThingType('amr')).toMatchObject({
      deprecated: true,
      deprecationDate: T0 + 1000,
    });
    now = T0 + 2000;
    expect(registry.deprecateThingType('amr').deprecationDate).toBe(T0 + 1000);
    const undone = registry.deprecateThingType('amr', true);
    expect(undone.deprecated).toBe(false);
    expect(undone.deprecationDate).toBeUndefined();
    expect(registry.getThingType('amr')).toEqual(undone);
    expectError(() => registry.deprecateThingType('missing'), 'NOT_FOUND', /missing/);
  });

  it('deletes a type only 5 minutes after deprecation and when no thing uses it', () => {
    registry.createThingType({ thingTypeName: 'amr' });
    registry.createThing({ thingName: 'r1', thingTypeName: 'amr' });
    expectError(() => registry.deleteThingType('amr'), 'INVALID_REQUEST', /not deprecated/);
    registry.deprecateThingType('amr');
    now = T0 + FIVE_MINUTES - 1;
    expectError(() => registry.deleteThingType('amr'), 'INVALID_REQUEST', /5 minutes/);
    now = T0 + FIVE_MINUTES;
    expectError(() => registry.deleteThingType('amr'), 'INVALID_REQUEST', /1 things still have it/);
    registry.updateThing({ thingName: 'r1', removeThingType: true });
    registry.deleteThingType('amr');
    expect(registry.getThingType('amr')).toBeUndefined();
    expectError(() => registry.deleteThingType('amr'), 'NOT_FOUND');
    // The name is free again.
    expect(registry.createThingType({ thingTypeName: 'amr' }).deprecated).toBe(false);
  });
});
