import { isCertificateValidAt } from './isCertificateValidAt.js';

const certificate = {
  notBefore: new Date('2025-01-01T00:00:00Z'),
  notAfter: new Date('2025-01-01T00:02:00Z'),
};

describe('isCertificateValidAt', () => {
  it.each([
    ['1 ms before notBefore', '2024-12-31T23:59:59.999Z', false],
    ['at notBefore', '2025-01-01T00:00:00.000Z', true],
    ['inside', '2025-01-01T00:01:00.000Z', true],
    ['at notAfter', '2025-01-01T00:02:00.000Z', true],
    ['1 ms after notAfter', '2025-01-01T00:02:00.001Z', false],
  ])('%s: %s', (_name, at, expected) => {
    expect(isCertificateValidAt(certificate, new Date(at))).toBe(expected);
  });
});
