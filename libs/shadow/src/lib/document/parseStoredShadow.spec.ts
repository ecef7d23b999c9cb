import { ZodError } from 'zod';
import { ShadowError } from '../errors/ShadowError.js';
import { applyUpdate } from '../update/applyUpdate.js';
import { parseStoredShadow } from './parseStoredShadow.js';

describe('parseStoredShadow', () => {
  it('reads back what applyUpdate stored, through JSON', () => {
    const result = applyUpdate(
      undefined,
      { state: { desired: { a: [1, { b: 'c' }] }, reported: { 温度: 21.5 } } },
      { now: 1_700_000_000_000 },
    );
    if (!result.ok) {
      throw new Error('update failed');
    }
    expect(parseStoredShadow(JSON.parse(JSON.stringify(result.next)))).toEqual(result.next);
  });

  it('reads a tombstone', () => {
    const tombstone = { state: {}, metadata: {}, version: 7, deletedAt: 1_700_000_000 };
    expect(parseStoredShadow(tombstone)).toEqual(tombstone);
  });

  it.each([
    [undefined, '(root)'],
    [{ state: {}, metadata: {} }, 'version'],
    [{ state: {}, metadata: {}, version: -1 }, 'version'],
    [{ state: {}, metadata: {}, version: 1.5 }, 'version'],
    [{ state: { desired: 'x' }, metadata: {}, version: 1 }, 'state.desired'],
    [{ state: {}, metadata: {}, version: 1, deletedAt: 'yesterday' }, 'deletedAt'],
  ])('refuses %j, naming %s', (value, where) => {
    let thrown: unknown;
    try {
      parseStoredShadow(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ShadowError);
    const error = thrown as ShadowError;
    expect(error.code).toBe('INVALID_STORED_SHADOW');
    expect(error.message).toContain(`at ${where},`);
    expect(error.cause).toBeInstanceOf(ZodError);
    expect(error.toPayload({ now: 0 })).toEqual({
      code: 500,
      message: 'Internal service failure',
      timestamp: 0,
    });
  });
});
