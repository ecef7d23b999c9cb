import { readDerElement } from './readDerElement.js';

const bytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

describe('readDerElement', () => {
  it('reads short and long definite lengths', () => {
    expect(readDerElement(bytes('0403aabbcc'), 0)).toEqual({
      tag: 0x04,
      start: 0,
      contentStart: 2,
      end: 5,
    });
    const long = new Uint8Array([0x04, 0x81, 0x80, ...new Uint8Array(0x80)]);
    expect(readDerElement(long, 0)).toEqual({ tag: 0x04, start: 0, contentStart: 3, end: 131 });
    const longer = new Uint8Array([0x30, 0x82, 0x01, 0x00, ...new Uint8Array(0x100)]);
    expect(readDerElement(longer, 0)?.end).toBe(260);
  });

  it('reads an element at an offset and within a limit', () => {
    const der = bytes('30060201010201020500');
    expect(readDerElement(der, 2, 8)).toEqual({ tag: 0x02, start: 2, contentStart: 4, end: 5 });
    expect(readDerElement(der, 5, 6)).toBeUndefined();
  });

  it.each([
    ['an indefinite length (BER)', '3080020101 0000'],
    ['a long form for a short length', '048101aa'],
    ['a length with a leading zero octet', '04820080' + 'aa'.repeat(0x80)],
    ['a high tag number', '1f2001aa'],
    ['truncated contents', '0403aabb'],
    ['a truncated length', '0482'],
    ['nothing', ''],
  ])('declines %s', (_, hex) => {
    expect(readDerElement(bytes(hex.replace(/ /g, '')), 0)).toBeUndefined();
  });
});
