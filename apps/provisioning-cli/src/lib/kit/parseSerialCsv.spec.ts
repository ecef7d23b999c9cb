import { parseSerialCsv } from './parseSerialCsv.js';

describe('parseSerialCsv', () => {
  it('reads the first column, skips header, blanks and comments, reports bad lines', () => {
    const { rows, errors } = parseSerialCsv(
      ['# serials for site A', 'Serial,Note', '"001",a', '', '002', 'x/y', '001', ':bad'].join(
        '\r\n',
      ),
    );
    expect(rows).toEqual([
      { line: 3, serial: '001' },
      { line: 5, serial: '002' },
    ]);
    expect(errors).toEqual([
      { line: 6, message: expect.stringContaining('Unexpected serial "x/y"') as string },
      { line: 7, message: 'duplicate serial "001" (first on line 3)' },
      { line: 8, message: expect.stringContaining('Unexpected serial ":bad"') as string },
    ]);
  });

  it('treats a first line that is not "serial" as data', () => {
    expect(parseSerialCsv('003\n004\n').rows.map((row) => row.serial)).toEqual(['003', '004']);
  });
});
