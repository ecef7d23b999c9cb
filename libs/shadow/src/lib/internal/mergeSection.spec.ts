import { mergeSection } from './mergeSection.js';

describe('mergeSection', () => {
  it('shares untouched subtrees and copies touched ones', () => {
    const current = { kept: { deep: [1] }, touched: { a: 1 } };
    const merged = mergeSection(current, { touched: { b: 2 } });
    expect(merged).toEqual({ kept: { deep: [1] }, touched: { a: 1, b: 2 } });
    expect(merged?.['kept']).toBe(current.kept);
    expect(merged?.['touched']).not.toBe(current.touched);
    expect(current).toEqual({ kept: { deep: [1] }, touched: { a: 1 } });
  });

  it('returns undefined when nothing is left', () => {
    expect(mergeSection({ a: 1 }, { a: null })).toBeUndefined();
    expect(mergeSection(undefined, {})).toBeUndefined();
    expect(mergeSection(undefined, { a: { b: null } })).toBeUndefined();
  });

  it('stores a "__proto__" key as data, never as a prototype', () => {
    const patch = JSON.parse('{"__proto__":{"polluted":true},"a":{"__proto__":1}}') as Record<
      string,
      never
    >;
    const merged = mergeSection(undefined, patch);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged ?? {})).toEqual(['__proto__', 'a']);
    expect(JSON.stringify(merged)).toBe('{"__proto__":{"polluted":true},"a":{"__proto__":1}}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
