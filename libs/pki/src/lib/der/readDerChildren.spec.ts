import { readDerChildren } from './readDerChildren.js';
import { readDerElement } from './readDerElement.js';

const bytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

describe('readDerChildren', () => {
  it('lists the elements that fill a SEQUENCE', () => {
    const der = bytes('3008020101040100 3000'.replace(/ /g, ''));
    const outer = readDerElement(der, 0);
    expect(outer && readDerChildren(der, outer)?.map((c) => c.tag)).toEqual([0x02, 0x04, 0x30]);
  });

  it('gives an empty list for an empty SEQUENCE', () => {
    const der = bytes('3000');
    const outer = readDerElement(der, 0);
    expect(outer && readDerChildren(der, outer)).toEqual([]);
  });

  it('declines contents that are not whole elements', () => {
    const der = bytes('300402010104');
    const outer = readDerElement(der, 0);
    expect(outer && readDerChildren(der, outer)).toBeUndefined();
  });
});
