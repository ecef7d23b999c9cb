import { lastWillStatus } from './lastWillStatus.js';
import { AmrStatusSchema } from './schemas.js';

describe('lastWillStatus', () => {
  it('builds an offline AmrStatus stamped with the connect time', () => {
    const will = lastWillStatus('AMR-001', 1_767_225_600_000);
    expect(will).toEqual({
      thingName: 'AMR-001',
      online: false,
      state: 'offline',
      updatedAt: 1_767_225_600_000,
    });
    expect(AmrStatusSchema.parse(will)).toEqual(will);
  });

  it('refuses an invalid thing name', () => {
    expect(() => lastWillStatus('a/b', 0)).toThrow(
      expect.objectContaining({ code: 'INVALID_THING_NAME' }) as Error,
    );
  });
});
