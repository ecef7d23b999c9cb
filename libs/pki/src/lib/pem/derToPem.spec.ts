import { PkiError } from '../errors/PkiError.js';
import { derToPem } from './derToPem.js';

describe('derToPem', () => {
  it('wraps base64 at 64 characters with BEGIN/END lines and a trailing newline', () => {
    const der = new Uint8Array(60).map((_, i) => i);
    const pem = derToPem(der, 'CERTIFICATE');
    const lines = pem.split('\n');
    expect(lines[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines[1]).toHaveLength(64);
    expect(lines[2]).toHaveLength(80 - 64);
    expect(lines[3]).toBe('-----END CERTIFICATE-----');
    expect(lines[4]).toBe('');
    expect(Buffer.from(lines.slice(1, 3).join(''), 'base64')).toEqual(Buffer.from(der));
  });

  it('refuses empty DER and invalid labels', () => {
    expect(() => derToPem(new Uint8Array(0), 'CERTIFICATE')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => derToPem(new Uint8Array([1]), 'bad--label')).toThrow(PkiError);
    expect(() => derToPem(new Uint8Array([1]), '')).toThrow(/Invalid PEM label/);
  });
});
