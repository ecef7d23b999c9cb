import { computeDelta } from './computeDelta.js';

const ts = (timestamp: number) => ({ timestamp });

describe('computeDelta', () => {
  it('is undefined without desired, or when desired matches reported', () => {
    expect(computeDelta(undefined, { a: 1 })).toBeUndefined();
    expect(computeDelta({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBeUndefined();
    expect(computeDelta({ a: { x: 1, y: 2 } }, { a: { y: 2, x: 1 }, extra: true })).toBeUndefined();
  });

  // AWS IoT Developer Guide, "Device Shadow service documents" → "Delta state", first example.
  it('lists desired keys that differ or are missing from reported, with desired metadata', () => {
    const result = computeDelta(
      { color: 'RED', state: 'STOP' },
      { color: 'GREEN', engine: 'ON' },
      { color: ts(12345), state: ts(12345) },
    );
    expect(result).toEqual({
      state: { color: 'RED', state: 'STOP' },
      metadata: { color: ts(12345), state: ts(12345) },
    });
  });

  // Same page, second example: "the delta contains the path all the way to the root".
  it('keeps the path to the root for nested differences', () => {
    const result = computeDelta(
      { lights: { color: { r: 255, g: 255, b: 255 } } },
      { lights: { color: { r: 255, g: 0, b: 255 } } },
      { lights: { color: { r: ts(1), g: ts(2), b: ts(3) } } },
    );
    expect(result).toEqual({
      state: { lights: { color: { g: 255 } } },
      metadata: { lights: { color: { g: ts(2) } } },
    });
  });

  it('copies the whole desired section when nothing is reported', () => {
    const desired = { a: 1, b: { c: 2 } };
    expect(computeDelta(desired, undefined, { a: ts(5), b: { c: ts(6) } })).toEqual({
      state: desired,
      metadata: { a: ts(5), b: { c: ts(6) } },
    });
  });

  it('compares arrays whole and copies the whole desired array with its metadata', () => {
    const metadata = { colors: [ts(1), ts(1), ts(1)] };
    expect(
      computeDelta({ colors: ['RED', 'GREEN', 'BLUE'] }, { colors: ['RED', 'GREEN'] }, metadata),
    ).toEqual({ state: { colors: ['RED', 'GREEN', 'BLUE'] }, metadata });
    expect(computeDelta({ colors: ['A', 'B'] }, { colors: ['B', 'A'] })?.state).toEqual({
      colors: ['A', 'B'],
    });
    expect(computeDelta({ m: [[1], { a: 2 }] }, { m: [[1], { a: 2 }] })).toBeUndefined();
  });

  it('treats a type change as a difference of the whole desired value', () => {
    expect(computeDelta({ a: { b: 1 } }, { a: 'x' })?.state).toEqual({ a: { b: 1 } });
    expect(computeDelta({ a: 'x' }, { a: { b: 1 } })?.state).toEqual({ a: 'x' });
    expect(computeDelta({ a: [1] }, { a: { 0: 1 } })?.state).toEqual({ a: [1] });
    expect(computeDelta({ a: 1 }, { a: '1' })?.state).toEqual({ a: 1 });
    expect(computeDelta({ a: false }, { a: 0 })?.state).toEqual({ a: false });
  });

  it('includes a key deleted from reported that desired still holds', () => {
    expect(computeDelta({ engine: 'ON', color: 'red' }, { color: 'red' })?.state).toEqual({
      engine: 'ON',
    });
  });

  it('leaves out metadata it does not have', () => {
    expect(computeDelta({ a: 1, b: 2 }, {}, { a: ts(9) })).toEqual({
      state: { a: 1, b: 2 },
      metadata: { a: ts(9) },
    });
  });

  it('handles unicode keys and values', () => {
    expect(
      computeDelta({ 色: '赤', '🤖': { 名前: 'ロボ' } }, { 色: '青', '🤖': { 名前: 'ロボ' } }),
    ).toEqual({
      state: { 色: '赤' },
      metadata: {},
    });
  });

  it('keeps a "__proto__" key as data', () => {
    const desired = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, never>;
    const result = computeDelta(desired, {});
    expect(Object.keys(result?.state ?? {})).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(result?.state)).toBe(Object.prototype);
  });

  it('does not modify its arguments', () => {
    const desired = { a: { b: 1 } };
    const reported = { a: { b: 2 } };
    const frozen = structuredClone({ desired, reported });
    computeDelta(desired, reported, { a: { b: ts(1) } });
    expect({ desired, reported }).toEqual(frozen);
  });
});
