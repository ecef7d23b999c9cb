import { AsnConvert } from '@peculiar/asn1-schema';
import { x509 } from '../crypto/x509.js';
import { asnNameOf } from './asnNameOf.js';

const hex = (bytes: ArrayBuffer) => Buffer.from(bytes).toString('hex');

describe('asnNameOf', () => {
  it.each<[string, x509.JsonName]>([
    ['a printable CN', [{ CN: ['robot-001'] }]],
    [
      'C, O and CN in separate RDNs',
      [{ C: ['JP'] }, { O: ['Example Co.'] }, { CN: ['robot-001'] }],
    ],
    ['characters outside PrintableString', [{ O: ['Example_Co'] }, { CN: ['ロボット@工場'] }]],
    ['an empty value', [{ CN: [''] }]],
    ['a multi-valued RDN', [{ O: ['Example'], CN: ['robot-001', 'robot-002'] }]],
    ['no RDN at all', []],
    ['a quoted value', [{ CN: ['"robot, 001"'] }]],
    ['backslash escapes', [{ CN: ['robot\\, 001\\0a'] }]],
    ['a hex value', [{ CN: ['#0c0141'] }]],
    [
      'other attribute types',
      [{ L: ['Tokyo'] }, { E: ['robot@example.com'] }, { CN: ['robot-001'] }],
    ],
  ])('encodes %s byte for byte as @peculiar/x509 does', (_, name) => {
    expect(hex(AsnConvert.serialize(asnNameOf(name)))).toBe(
      hex(new x509.Name(name).toArrayBuffer()),
    );
  });
});
