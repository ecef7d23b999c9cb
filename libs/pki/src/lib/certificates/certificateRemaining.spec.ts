import { certificateRemaining } from './certificateRemaining.js';

const notAfter = new Date('2026-01-01T00:00:00Z');

describe('certificateRemaining', () => {
  it('is notAfter minus now in milliseconds', () => {
    expect(certificateRemaining({ notAfter }, new Date('2025-12-31T00:00:00Z'))).toBe(86_400_000);
    expect(certificateRemaining({ notAfter }, notAfter)).toBe(0);
  });

  it('is negative once expired', () => {
    expect(certificateRemaining({ notAfter }, new Date('2026-01-01T00:00:01Z'))).toBe(-1000);
  });
});
