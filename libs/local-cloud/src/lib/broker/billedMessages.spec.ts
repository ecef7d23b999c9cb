import { billedMessages } from './billedMessages.js';

describe('billedMessages', () => {
  it.each([
    [0, false, 1],
    [1, false, 1],
    [5120, false, 1],
    [5121, false, 2],
    [8 * 1024, false, 2],
    [128 * 1024, false, 26],
    [100, true, 2],
    [8 * 1024, true, 4],
  ])('%p bytes (retain %p) bill as %p messages', (bytes, retained, expected) => {
    expect(billedMessages(bytes, retained)).toBe(expected);
  });
});
