import { derToPem } from './derToPem.js';
import { joinPemBundle } from './joinPemBundle.js';
import { splitPemBundle } from './splitPemBundle.js';

const a = derToPem(new Uint8Array([1, 2, 3]), 'CERTIFICATE');
const b = derToPem(new Uint8Array([4, 5, 6, 7]), 'CERTIFICATE');

describe('joinPemBundle', () => {
  it('joins texts and blocks in order, normalised', () => {
    const [blockB] = splitPemBundle(b);
    const joined = joinPemBundle([`comment\r\n${a.replace(/\n/g, '\r\n')}`, blockB]);
    expect(joined).toBe(a + b);
  });

  it('round-trips through splitPemBundle', () => {
    expect(joinPemBundle(splitPemBundle(a + b))).toBe(a + b);
  });

  it('returns an empty string for no items', () => {
    expect(joinPemBundle([])).toBe('');
  });

  it('refuses garbage texts and invalid blocks', () => {
    expect(() => joinPemBundle([a, 'garbage'])).toThrow(
      expect.objectContaining({ code: 'MALFORMED_PEM' }),
    );
    expect(() => joinPemBundle([{ type: 'CERTIFICATE', base64: 'AAA' }])).toThrow(
      expect.objectContaining({ code: 'MALFORMED_PEM' }),
    );
    expect(() => joinPemBundle([{ type: 'bad--label', base64: 'AAAA' }])).toThrow(
      expect.objectContaining({ code: 'MALFORMED_PEM' }),
    );
  });
});
