import type { CertificateRecord } from '../registry/types.js';
import { certificateProblem } from './certificateProblem.js';

const NOW = Date.UTC(2025, 7, 1);
const record: CertificateRecord = {
  certificateId: 'a'.repeat(64),
  certificateArn: `arn:aws:iot:ap-northeast-1:123456789012:cert/${'a'.repeat(64)}`,
  certificatePem: '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n',
  status: 'ACTIVE',
  creationDate: NOW - 1000,
  lastModifiedDate: NOW - 1000,
  notBefore: NOW - 86_400_000,
  notAfter: NOW + 86_400_000,
  certificateMode: 'DEFAULT',
  origin: 'api',
  customerVersion: 1,
};

describe('certificateProblem', () => {
  it('accepts an ACTIVE certificate within its validity', () => {
    expect(certificateProblem(record, NOW)).toBeUndefined();
  });

  it.each([
    'INACTIVE',
    'REVOKED',
    'PENDING_ACTIVATION',
    'PENDING_TRANSFER',
    'REGISTER_INACTIVE',
  ] as const)('refuses a %s certificate', (status) => {
    expect(certificateProblem({ ...record, status }, NOW)).toBe(
      `Certificate ${'a'.repeat(64)} is ${status}, expected ACTIVE`,
    );
  });

  it('refuses an expired or not yet valid certificate', () => {
    expect(certificateProblem(record, record.notAfter + 1)).toMatch(/is not valid at/);
    expect(certificateProblem(record, record.notBefore - 1)).toMatch(/is not valid at/);
  });

  it('refuses a provisioning claim certificate after its expiration', () => {
    const claim = { ...record, origin: 'provisioning-claim' as const, expiresAt: NOW + 300_000 };
    expect(certificateProblem(claim, NOW)).toBeUndefined();
    expect(certificateProblem(claim, NOW + 300_000)).toMatch(
      /^Provisioning claim certificate .* expired at/,
    );
  });
});
