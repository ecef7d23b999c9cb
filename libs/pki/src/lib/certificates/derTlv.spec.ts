import { derTlv } from './derTlv.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('derTlv', () => {
  it.each([
    [0, '3000'],
    [1, '300100'],
    [127, `307f${'00'.repeat(127)}`],
    [128, `308180${'00'.repeat(128)}`],
    [255, `3081ff${'00'.repeat(255)}`],
    [256, `30820100${'00'.repeat(256)}`],
    [65_536, `3083010000${'00'.repeat(65_536)}`],
  ])('writes a %i-octet content with the shortest definite length (X.690 8.1.3)', (n, expected) => {
    expect(hex(derTlv(0x30, new Uint8Array(n)))).toBe(expected);
  });

  it('concatenates the contents in order', () => {
    expect(hex(derTlv(0x03, new Uint8Array([0]), new Uint8Array([0xab, 0xcd])))).toBe('030300abcd');
  });
});
