import { utf8ByteLength } from './utf8ByteLength.js';

describe('utf8ByteLength', () => {
  it.each([
    '',
    'abc',
    'é',
    'あいう',
    '🤖',
    'a🤖é中',
    '\u0000\u007f\u0080\u07ff\u0800\uffff',
    '\ud800',
    'x\udc00y',
    '\ud83e',
  ])('agrees with TextEncoder for %j', (text) => {
    expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).byteLength);
  });
});
