import { derToPem } from './derToPem.js';
import { pemToDer } from './pemToDer.js';

const der = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]);

describe('pemToDer', () => {
  it('decodes one block to its bytes', () => {
    expect(pemToDer(derToPem(der, 'CERTIFICATE'))).toEqual(der);
    expect(pemToDer(derToPem(der, 'CERTIFICATE'), { type: 'CERTIFICATE' })).toEqual(der);
  });

  it('refuses a block of another type', () => {
    expect(() => pemToDer(derToPem(der, 'PRIVATE KEY'), { type: 'CERTIFICATE' })).toThrow(
      expect.objectContaining({
        code: 'MALFORMED_PEM',
        message: 'Expected a PEM block of type "CERTIFICATE", received "PRIVATE KEY"',
      }),
    );
  });

  it('refuses bundles and garbage', () => {
    const two = derToPem(der, 'CERTIFICATE').repeat(2);
    expect(() => pemToDer(two)).toThrow(/Expected exactly 1 PEM block, received 2/);
    expect(() => pemToDer('garbage')).toThrow(expect.objectContaining({ code: 'MALFORMED_PEM' }));
  });
});
