import { readClientToken } from './readClientToken.js';

describe('readClientToken', () => {
  it('reads the clientToken of a get or delete payload, text or bytes', () => {
    expect(readClientToken('{"clientToken":"abc"}')).toBe('abc');
    expect(readClientToken(new TextEncoder().encode('{"clientToken":"トークン"}'))).toBe(
      'トークン',
    );
    expect(readClientToken(`{"clientToken":"${'a'.repeat(64)}"}`)).toBe('a'.repeat(64));
  });

  it.each([
    undefined,
    '',
    'not json',
    '[]',
    'null',
    '{}',
    '{"clientToken":1}',
    `{"clientToken":"${'a'.repeat(65)}"}`,
    Uint8Array.from([0xff]),
  ])('yields nothing for %p', (payload) => {
    expect(readClientToken(payload)).toBeUndefined();
  });
});
