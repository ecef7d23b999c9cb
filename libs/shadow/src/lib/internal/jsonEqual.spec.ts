import { jsonEqual } from './jsonEqual.js';

describe('jsonEqual', () => {
  it.each([
    [1, 1, true],
    [1, 1.0, true],
    ['a', 'a', true],
    [null, null, true],
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    [[], [], true],
    [1, '1', false],
    [0, false, false],
    [null, {}, false],
    [[], {}, false],
    [{}, [], false],
    [[1, 2], [2, 1], false],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: 1, b: 2 }, { a: 1, c: 2 }, false],
  ])('%j vs %j', (a, b, expected = false) => {
    expect(jsonEqual(a, b)).toBe(expected);
    expect(jsonEqual(b, a)).toBe(expected);
  });
});
