import type { StoredShadow } from '../document/schemas.js';
import { buildGetAccepted } from './buildGetAccepted.js';
import { getShadow } from './getShadow.js';

const now = 1_700_000_123_456;
const ts = (timestamp: number) => ({ timestamp });

const stored: StoredShadow = {
  state: {
    desired: { color: 'RED', state: 'STOP', lights: { r: 1, g: 2 } },
    reported: { color: 'GREEN', engine: 'ON', lights: { r: 1, g: 0 } },
  },
  metadata: {
    desired: { color: ts(1), state: ts(2), lights: { r: ts(3), g: ts(4) } },
    reported: { color: ts(5), engine: ts(6), lights: { r: ts(7), g: ts(8) } },
  },
  version: 17,
};

describe('buildGetAccepted', () => {
  it('answers desired, reported, the computed delta, metadata, version and timestamp', () => {
    expect(buildGetAccepted(stored, { now, clientToken: 'g' })).toEqual({
      state: {
        ...stored.state,
        delta: { color: 'RED', state: 'STOP', lights: { g: 2 } },
      },
      metadata: stored.metadata,
      version: 17,
      timestamp: 1_700_000_123,
      clientToken: 'g',
    });
  });

  it('leaves out absent sections and an empty delta', () => {
    const inSync: StoredShadow = {
      state: { desired: { a: 1 }, reported: { a: 1, b: 2 } },
      metadata: { desired: { a: ts(1) }, reported: { a: ts(1), b: ts(1) } },
      version: 3,
    };
    expect(buildGetAccepted(inSync, { now }).state).toEqual(inSync.state);
    const empty: StoredShadow = { state: {}, metadata: {}, version: 2 };
    expect(buildGetAccepted(empty, { now })).toEqual({
      state: {},
      metadata: {},
      version: 2,
      timestamp: 1_700_000_123,
    });
  });

  it('gives the whole desired section as delta when nothing is reported', () => {
    const desiredOnly: StoredShadow = {
      state: { desired: { color: 'RED' } },
      metadata: { desired: { color: ts(1) } },
      version: 1,
    };
    expect(buildGetAccepted(desiredOnly, { now }).state).toEqual({
      desired: { color: 'RED' },
      delta: { color: 'RED' },
    });
  });
});

describe('getShadow', () => {
  it('answers an existing shadow', () => {
    expect(getShadow(stored, { now, thingName: 'T' })).toEqual({
      ok: true,
      accepted: buildGetAccepted(stored, { now }),
    });
  });

  it('answers 404 naming the thing for the classic shadow and the shadow for a named one', () => {
    // "Simulating Device Shadow service communications": "No shadow exists with name: 'simShadow1'".
    expect(
      getShadow(undefined, { now, thingName: 'mySimulatedThing', shadowName: 'simShadow1' }),
    ).toEqual({
      ok: false,
      error: { code: 404, message: "No shadow exists with name: 'simShadow1'" },
    });
    expect(getShadow(undefined, { now, thingName: 'AMR-001', clientToken: 'c' })).toEqual({
      ok: false,
      error: { code: 404, message: "No shadow exists with name: 'AMR-001'", clientToken: 'c' },
    });
  });

  it('answers 404 for a deleted shadow', () => {
    expect(
      getShadow({ state: {}, metadata: {}, version: 3, deletedAt: 1 }, { now, thingName: 'T' }).ok,
    ).toBe(false);
  });
});
