import { CLAIM, PROD, T0, cert, common, operating, renewing } from '../../spec-support/fixtures.js';
import { RotationError } from '../errors/RotationError.js';
import { deserializeRotationState } from './deserializeRotationState.js';
import { parseRotationState } from './parseRotationState.js';
import { referencedSlots } from './referencedSlots.js';
import { serializeRotationState } from './serializeRotationState.js';

function errorOf(fn: () => unknown): RotationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RotationError) return error;
    throw error;
  }
  throw new Error('expected a RotationError');
}

describe('parseRotationState / deserializeRotationState', () => {
  it('round-trips a state through JSON text', () => {
    const state = renewing(
      { name: 'switching', next: cert(1, T0), deadline: T0 + 1 },
      {
        pendingDeletions: [{ slot: 'production-7', kind: 'abandoned' }],
      },
    );
    expect(deserializeRotationState(serializeRotationState(state))).toEqual(state);
  });

  it.each([
    [
      'a wrong version',
      { ...operating(), version: 2 },
      'Malformed rotation state: at "version": Invalid input: expected 1',
    ],
    [
      'an unknown phase',
      { ...operating(), phase: 'sleeping' },
      `at "phase": Invalid discriminator value. Expected 'booting' | 'operating' | 'clockUntrusted' | 'renewing' | 'recovering' | 'backoff' | 'needsTechnician'`,
    ],
    [
      'a missing field',
      (({ attempt: _a, ...rest }) => rest)(operating()),
      'at "attempt": Invalid input: expected number, received undefined',
    ],
    [
      'operating without a certificate',
      { ...operating(), current: null },
      'at "current": Invalid input: expected object, received null',
    ],
    [
      'a backoff in renewal mode without a certificate',
      {
        ...common(),
        phase: 'backoff',
        mode: 'renewal',
        current: null,
        resume: { kind: 'startOver' },
        retryAt: T0,
        lastFailure: { operation: 'registerThing', reason: 'timeout', at: T0 },
      },
      'at "current": Invalid input: expected object, received null',
    ],
    [
      'an unknown step',
      renewing({ name: 'dancing', slot: 'production-1', deadline: T0 } as never),
      `at "step.name": Invalid discriminator value. Expected 'generatingKey'`,
    ],
    [
      'a bad certificate id',
      operating({ ...PROD, certificateId: 'xyz' }),
      'at "current.certificateId": Expected a certificate id of 64 lowercase hex characters',
    ],
    [
      'an unsafe slot',
      operating({ ...PROD, slot: '../../etc' }),
      'at "current.slot": Expected a slot matching [A-Za-z0-9._-]{1,64}',
    ],
    [
      'the slot in use scheduled for deletion',
      operating(PROD, { pendingDeletions: [{ slot: PROD.slot, kind: 'retired' }] }),
      'at "pendingDeletions.0.slot": Slot "production-0" is in use, expected only unused slots to be pending deletion',
    ],
    [
      'a slot used twice',
      operating({ ...PROD, slot: CLAIM.slot }),
      'Slot "claim" is used twice, expected distinct slots for claim, current and next',
    ],
    ['null', null, 'at "(root)": Invalid input: expected object, received null'],
  ])('rejects %s, naming what was expected', (_name, value, message) => {
    const error = errorOf(() => parseRotationState(value));
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toContain(message);
    expect(error.cause).toBeDefined();
  });

  it('rejects text that is not JSON', () => {
    const error = errorOf(() => deserializeRotationState('{"phase": "operat'));
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toBe(
      'Malformed rotation state: "{\\"phase\\": \\"operat" is not JSON, expected a JSON object',
    );
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });
});

describe('referencedSlots', () => {
  it('lists slots in use then slots pending deletion', () => {
    const state = renewing(
      { name: 'committing', next: cert(3, T0), deadline: T0 },
      {
        pendingDeletions: [{ slot: 'production-2', kind: 'abandoned' }],
      },
    );
    expect(referencedSlots(state)).toEqual([
      'claim',
      'production-0',
      'production-3',
      'production-2',
    ]);
  });
});
