import { encodeDer } from './encodeDer.js';
import { readDerElement } from './readDerElement.js';

describe('encodeDer', () => {
  it.each([0, 1, 127, 128, 255, 256, 65_535, 65_536])(
    'encodes %i content octets with the shortest length, readable back',
    (length) => {
      const der = encodeDer(0x04, new Uint8Array(length).fill(7));
      const header = length < 128 ? 2 : length < 256 ? 3 : length < 65_536 ? 4 : 5;
      expect(der.byteLength).toBe(header + length);
      expect(readDerElement(der, 0)).toEqual({
        tag: 0x04,
        start: 0,
        contentStart: header,
        end: header + length,
      });
    },
  );

  it('concatenates the contents in order', () => {
    const der = encodeDer(0x30, new Uint8Array([2, 1, 1]), new Uint8Array([5, 0]));
    expect(Buffer.from(der).toString('hex')).toBe('3005020101' + '0500');
  });
});
