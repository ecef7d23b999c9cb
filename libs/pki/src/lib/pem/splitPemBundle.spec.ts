import { PkiError } from '../errors/PkiError.js';
import { derToPem } from './derToPem.js';
import { splitPemBundle } from './splitPemBundle.js';

const certDer = new Uint8Array(70).map((_, i) => (i * 7) % 256);
const keyDer = new Uint8Array(33).map((_, i) => 255 - i);
const cert = derToPem(certDer, 'CERTIFICATE');
const key = derToPem(keyDer, 'PRIVATE KEY');

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof PkiError ? error.code : 'not a PkiError';
  }
  return undefined;
}

describe('splitPemBundle', () => {
  it('returns every block in order with its label and whitespace-free base64', () => {
    const blocks = splitPemBundle(`${cert}${key}`);
    expect(blocks.map((b) => b.type)).toEqual(['CERTIFICATE', 'PRIVATE KEY']);
    expect(Buffer.from(blocks[0]?.base64 ?? '', 'base64')).toEqual(Buffer.from(certDer));
    expect(blocks[1]?.base64).not.toMatch(/\s/);
  });

  it('ignores text around blocks and tolerates CRLF, indentation and blank lines', () => {
    const messy = `Bag Attributes\r\n  friendlyName: robot\r\n${cert.replace(/\n/g, '\r\n    \r\n')}trailing words`;
    const [block] = splitPemBundle(messy);
    expect(block?.type).toBe('CERTIFICATE');
    expect(Buffer.from(block?.base64 ?? '', 'base64')).toEqual(Buffer.from(certDer));
  });

  it.each([
    ['empty text', ''],
    ['garbage', 'this is not a certificate'],
    ['base64 without armour', Buffer.from(certDer).toString('base64')],
    ['a BEGIN without END', cert.split('-----END')[0] ?? ''],
    ['mismatched END', cert.replace('END CERTIFICATE', 'END PRIVATE KEY')],
    ['truncated base64', cert.replace(/^(-----BEGIN CERTIFICATE-----\n)(.)/, '$1')],
    ['non-base64 characters', cert.replace(/^(-----BEGIN CERTIFICATE-----\n)(.)/, '$1!')],
    ['padding in the middle', '-----BEGIN X-----\nAA==AAAA\n-----END X-----\n'],
    ['an encrypted legacy header', cert.replace('-----\n', '-----\nProc-Type: 4,ENCRYPTED\n')],
    ['an empty body', '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n'],
    ['nested BEGIN', `-----BEGIN CERTIFICATE-----\n${key}`],
    ['an invalid label', '-----BEGIN cert--x-----\nAAAA\n-----END cert--x-----\n'],
  ])('throws MALFORMED_PEM for %s', (_name, text) => {
    expect(codeOf(() => splitPemBundle(text))).toBe('MALFORMED_PEM');
  });

  it('throws MALFORMED_PEM for non-string input', () => {
    expect(codeOf(() => splitPemBundle(42 as unknown as string))).toBe('MALFORMED_PEM');
  });

  it('never echoes the body in its messages', () => {
    const truncated = key.replace(/^(-----BEGIN PRIVATE KEY-----\n)(.)/, '$1');
    const body = truncated.split('\n')[1] ?? '';
    expect(() => splitPemBundle(truncated)).toThrow(
      /truncated or invalid base64 \(43 characters\)/,
    );
    try {
      splitPemBundle(truncated);
    } catch (error) {
      expect((error as Error).message).not.toContain(body.slice(0, 12));
    }
  });
});
