import { certificateAge } from './certificateAge.js';

const notBefore = new Date('2025-01-01T00:00:00Z');

describe('certificateAge', () => {
  it('is now minus notBefore in milliseconds', () => {
    expect(certificateAge({ notBefore }, new Date('2025-01-01T00:02:00Z'))).toBe(120_000);
    expect(certificateAge({ notBefore }, notBefore)).toBe(0);
  });

  it('is negative before notBefore', () => {
    expect(certificateAge({ notBefore }, new Date('2024-12-31T23:59:59Z'))).toBe(-1000);
  });
});
