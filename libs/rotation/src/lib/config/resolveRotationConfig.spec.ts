import { RotationError } from '../errors/RotationError.js';
import { resolveRotationConfig } from './resolveRotationConfig.js';
import { DEFAULT_BUILD_TIME, DEFAULT_ROTATION_CONFIG } from './schemas.js';

describe('resolveRotationConfig', () => {
  it('fills in the documented defaults', () => {
    expect(resolveRotationConfig()).toEqual({
      leadTimeMs: 30 * 86_400_000,
      maxAgeMs: 365 * 86_400_000,
      method: 'csr',
      backoffBaseMs: 5_000,
      backoffFactor: 2,
      backoffCeilingMs: 3_600_000,
      stepTimeoutMs: 120_000,
      ownershipTokenTtlMs: 3_600_000,
      ownershipTokenMarginMs: 300_000,
      needsTechnicianRetryMs: 3_600_000,
      buildTime: DEFAULT_BUILD_TIME,
      clockSkewMs: 300_000,
    });
    expect(DEFAULT_ROTATION_CONFIG).toEqual(resolveRotationConfig({}));
  });

  it('keeps given values', () => {
    expect(
      resolveRotationConfig({ method: 'createKeysAndCertificate', leadTimeMs: 0 }),
    ).toMatchObject({
      method: 'createKeysAndCertificate',
      leadTimeMs: 0,
    });
  });

  it('names the field and what was expected', () => {
    const attempt = () => resolveRotationConfig({ backoffBaseMs: 10_000, backoffCeilingMs: 1_000 });
    expect(attempt).toThrow(RotationError);
    expect(attempt).toThrow(
      'Invalid rotation config: at "backoffCeilingMs": Expected backoffCeilingMs >= backoffBaseMs',
    );
    expect(() => resolveRotationConfig({ method: 'pkcs12' as never })).toThrow(
      /at "method": Invalid option: expected one of "csr"\|"createKeysAndCertificate"/,
    );
    try {
      resolveRotationConfig({ leadTimeMs: -1 });
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(RotationError);
      expect((error as RotationError).code).toBe('INVALID_CONFIG');
      expect((error as RotationError).cause).toBeDefined();
    }
  });
});
