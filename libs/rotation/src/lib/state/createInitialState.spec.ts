import { CLAIM, PROD, certId } from '../../spec-support/fixtures.js';
import { RotationError } from '../errors/RotationError.js';
import { createInitialState } from './createInitialState.js';
import { parseRotationState } from './parseRotationState.js';

describe('createInitialState', () => {
  it('starts in booting with nothing pending, and passes its own schema', () => {
    const state = createInitialState({ claim: CLAIM, production: PROD });
    expect(state).toEqual({
      version: 1,
      phase: 'booting',
      current: PROD,
      claim: CLAIM,
      attempt: 0,
      nextSlot: 1,
      pendingDeletions: [],
      clockSynchronized: false,
    });
    expect(parseRotationState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it('defaults the slots to claim and production-0, and production to null', () => {
    const { slot: _claimSlot, ...claim } = CLAIM;
    const { slot: _prodSlot, ...production } = PROD;
    expect(createInitialState({ claim, production })).toMatchObject({
      claim: { slot: 'claim' },
      current: { slot: 'production-0' },
    });
    expect(createInitialState({ claim })).toMatchObject({ current: null, nextSlot: 1 });
  });

  it('numbers new slots after any existing production-<n> slot', () => {
    expect(
      createInitialState({ claim: CLAIM, production: { ...PROD, slot: 'production-41' } }).nextSlot,
    ).toBe(42);
    expect(
      createInitialState({ claim: CLAIM, production: { ...PROD, slot: 'factory' } }).nextSlot,
    ).toBe(1);
  });

  it('rejects malformed credentials, naming the field', () => {
    expect(() => createInitialState({ claim: { ...CLAIM, certificateId: 'ABC' } })).toThrow(
      'Invalid initial credentials: at "claim.certificateId": Expected a certificate id of 64 lowercase hex characters',
    );
    expect(() =>
      createInitialState({ claim: CLAIM, production: { ...PROD, notAfter: PROD.notBefore } }),
    ).toThrow('at "notAfter": Expected notBefore < notAfter');
    expect(() =>
      createInitialState({ claim: CLAIM, production: { ...PROD, slot: '../etc' } }),
    ).toThrow(/at "production.slot": Expected a slot matching/);
  });

  it('rejects a production credential in the claim slot', () => {
    expect(() =>
      createInitialState({
        claim: CLAIM,
        production: { ...PROD, certificateId: certId(9), slot: 'claim' },
      }),
    ).toThrow(
      new RotationError(
        'INVALID_ARGUMENT',
        'Unexpected production slot "claim", expected a slot other than the claim\'s',
      ),
    );
  });
});
