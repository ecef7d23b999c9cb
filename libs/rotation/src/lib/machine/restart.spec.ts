import {
  CLAIM,
  DAY,
  HOUR,
  MINUTE,
  PROD,
  PROD_DUE,
  T0,
  YEAR,
  certId,
  common,
  ev,
  operating,
  recovering,
  renewing,
  roundTrip,
  summarize,
} from '../../spec-support/fixtures.js';
import { renewalDueAt } from '../renewal/renewalDueAt.js';
import { createInitialState } from '../state/createInitialState.js';
import { type RotationState } from '../state/schemas.js';
import { transition } from './transition.js';

const STEP = 120_000;
const NOW = PROD_DUE + MINUTE;
const DEADLINE = NOW + STEP;
const R = NOW + 7_500;
const NEW = {
  certificateId: certId(101),
  notBefore: NOW - MINUTE,
  notAfter: NOW - MINUTE + YEAR,
  slot: 'production-1',
};
const ISSUED = {
  certificateId: NEW.certificateId,
  notBefore: NEW.notBefore,
  notAfter: NEW.notAfter,
  certificateOwnershipToken: 'tok',
  tokenExpiresAt: NOW - MINUTE + HOUR,
};
const FAILURE = { operation: 'registerThing', reason: 'timeout', at: NOW - MINUTE } as const;

function waiting(
  phase: 'backoff' | 'needsTechnician',
  over: Record<string, unknown> = {},
): RotationState {
  const base = {
    ...common({ attempt: 2, nextSlot: 2 }),
    phase,
    mode: 'renewal',
    current: PROD,
    retryAt: R,
    lastFailure: FAILURE,
    ...(phase === 'backoff' ? { resume: { kind: 'startOver' } } : {}),
  };
  return { ...base, ...over } as RotationState;
}

interface Row {
  name: string;
  from: RotationState;
  now?: number;
  synced?: boolean;
  to: Record<string, unknown>;
  actions: string[];
}

const rows: Row[] = [
  {
    name: 'booting (first boot) → operating',
    from: createInitialState({ claim: CLAIM, production: PROD }),
    now: T0 + DAY,
    to: { phase: 'operating' },
    actions: ['persist', 'connectProduction:production-0', `scheduleTick:${PROD_DUE}`],
  },
  {
    name: 'operating → operating: reconnect, re-arm the timer, nothing to persist',
    from: operating(),
    now: T0 + DAY,
    to: { phase: 'operating' },
    actions: ['connectProduction:production-0', `scheduleTick:${PROD_DUE}`],
  },
  {
    name: 'operating with the old credential not yet deleted (committed, crashed) → delete it',
    from: operating(NEW, { pendingDeletions: [{ slot: 'production-0', kind: 'retired' }] }),
    to: { phase: 'operating', current: NEW },
    actions: [
      'deleteSlot:production-0:retired',
      'connectProduction:production-1',
      `scheduleTick:${renewalDueAt(NEW)}`,
    ],
  },
  {
    name: 'operating, restarted before NTP → clockUntrusted',
    from: operating(),
    now: T0 + DAY,
    synced: false,
    to: { phase: 'clockUntrusted', clockSynchronized: false },
    actions: [
      'persist',
      'connectProduction:production-0',
      'report:clockUntrusted',
      'scheduleTick:null',
    ],
  },
  {
    name: 'clockUntrusted, restarted with NTP → operating',
    from: { ...common({ clockSynchronized: false }), phase: 'clockUntrusted', current: PROD },
    now: T0 + DAY,
    to: { phase: 'operating', clockSynchronized: true },
    actions: ['persist', 'connectProduction:production-0', `scheduleTick:${PROD_DUE}`],
  },
  {
    name: 'renewing/generatingKey → attempt lost: counted, slot dropped, back off on the old certificate',
    from: renewing({ name: 'generatingKey', slot: 'production-1', deadline: NOW }),
    to: {
      phase: 'backoff',
      mode: 'renewal',
      attempt: 1,
      resume: { kind: 'startOver' },
      lastFailure: { operation: 'generateKey', reason: 'restarted' },
      pendingDeletions: [{ slot: 'production-1', kind: 'abandoned' }],
    },
    actions: [
      'persist',
      'deleteSlot:production-1:abandoned',
      'connectProduction:production-0',
      'report:attemptFailed',
      `scheduleTick:${R}`,
    ],
  },
  {
    name: 'renewing/generatingKey, restarted before NTP → renewal abandoned until the clock is trusted',
    from: renewing({ name: 'generatingKey', slot: 'production-1', deadline: NOW }),
    synced: false,
    to: {
      phase: 'clockUntrusted',
      attempt: 0,
      pendingDeletions: [{ slot: 'production-1', kind: 'abandoned' }],
    },
    actions: [
      'persist',
      'deleteSlot:production-1:abandoned',
      'report:renewalAbandoned',
      'connectProduction:production-0',
      'report:clockUntrusted',
      'scheduleTick:null',
    ],
  },
  {
    name: 'renewing/connectingClaim (no certificate yet) → attempt lost',
    from: renewing({ name: 'connectingClaim', slot: 'production-1', deadline: NOW, issued: null }),
    to: { phase: 'backoff', lastFailure: { operation: 'connectClaim', reason: 'restarted' } },
    actions: [
      'persist',
      'deleteSlot:production-1:abandoned',
      'connectProduction:production-0',
      'report:attemptFailed',
      `scheduleTick:${R}`,
    ],
  },
  {
    name: 'renewing/requestingCertificate → attempt lost',
    from: renewing({ name: 'requestingCertificate', slot: 'production-1', deadline: NOW }),
    to: { phase: 'backoff', lastFailure: { operation: 'requestCertificate', reason: 'restarted' } },
    actions: [
      'persist',
      'deleteSlot:production-1:abandoned',
      'connectProduction:production-0',
      'report:attemptFailed',
      `scheduleTick:${R}`,
    ],
  },
  {
    name: 'renewing/registeringThing, token still valid → reconnect the claim to register again',
    from: renewing({
      name: 'registeringThing',
      slot: 'production-1',
      deadline: NOW,
      issued: ISSUED,
    }),
    to: {
      phase: 'renewing',
      step: { name: 'connectingClaim', slot: 'production-1', issued: ISSUED, deadline: DEADLINE },
    },
    actions: [
      'persist',
      'connectProduction:production-0',
      'connectClaim:production-1',
      `scheduleTick:${DEADLINE}`,
    ],
  },
  {
    name: 'renewing/connectingClaim (re-registration), token still valid → reconnect again',
    from: renewing({
      name: 'connectingClaim',
      slot: 'production-1',
      deadline: NOW,
      issued: ISSUED,
    }),
    to: { phase: 'renewing', step: { name: 'connectingClaim', issued: ISSUED } },
    actions: [
      'persist',
      'connectProduction:production-0',
      'connectClaim:production-1',
      `scheduleTick:${DEADLINE}`,
    ],
  },
  {
    name: 'renewing/registeringThing, token (nearly) expired → start over',
    from: renewing({
      name: 'registeringThing',
      slot: 'production-1',
      deadline: NOW,
      issued: ISSUED,
    }),
    now: ISSUED.tokenExpiresAt - 5 * MINUTE,
    to: { phase: 'backoff', lastFailure: { operation: 'registerThing', reason: 'tokenExpired' } },
    actions: [
      'persist',
      'deleteSlot:production-1:abandoned',
      'connectProduction:production-0',
      'report:attemptFailed',
      `scheduleTick:${ISSUED.tokenExpiresAt - 5 * MINUTE + 7_500}`,
    ],
  },
  {
    name: 'renewing/registeringThing, restarted before NTP (token validity unknown) → renewal abandoned',
    from: renewing({
      name: 'registeringThing',
      slot: 'production-1',
      deadline: NOW,
      issued: ISSUED,
    }),
    synced: false,
    to: { phase: 'clockUntrusted' },
    actions: [
      'persist',
      'deleteSlot:production-1:abandoned',
      'report:renewalAbandoned',
      'connectProduction:production-0',
      'report:clockUntrusted',
      'scheduleTick:null',
    ],
  },
  {
    name: 'renewing/switching → switch again to the registered certificate',
    from: renewing({ name: 'switching', next: NEW, deadline: NOW }),
    to: { phase: 'renewing', step: { name: 'switching', next: NEW, deadline: DEADLINE } },
    actions: ['persist', 'connectProduction:production-1', `scheduleTick:${DEADLINE}`],
  },
  {
    name: 'renewing/committing (switched, not committed) → switch again, then commit again',
    from: renewing({ name: 'committing', next: NEW, deadline: NOW }),
    to: { phase: 'renewing', step: { name: 'switching', next: NEW } },
    actions: ['persist', 'connectProduction:production-1', `scheduleTick:${DEADLINE}`],
  },
  {
    name: 'renewing/committing, restarted before NTP → still finishes (no clock needed)',
    from: renewing({ name: 'committing', next: NEW, deadline: NOW }),
    synced: false,
    to: { phase: 'renewing', step: { name: 'switching', next: NEW } },
    actions: ['persist', 'connectProduction:production-1', `scheduleTick:${DEADLINE}`],
  },
  {
    name: 'renewing, old certificate expired while off → recovery (attempt lost)',
    from: renewing({ name: 'requestingCertificate', slot: 'production-1', deadline: NOW }),
    now: PROD.notAfter + DAY,
    to: { phase: 'backoff', mode: 'recovery', current: PROD },
    actions: [
      'persist',
      'report:productionDead',
      'deleteSlot:production-1:abandoned',
      'report:attemptFailed',
      `scheduleTick:${PROD.notAfter + DAY + 7_500}`,
    ],
  },
  {
    name: 'recovering/generatingKey before NTP → backoff (recovery needs no clock)',
    from: recovering({ name: 'generatingKey', slot: 'production-1', deadline: NOW }),
    synced: false,
    to: { phase: 'backoff', mode: 'recovery' },
    actions: [
      'persist',
      'deleteSlot:production-1:abandoned',
      'report:attemptFailed',
      `scheduleTick:${R}`,
    ],
  },
  {
    name: 'recovering/registeringThing, token valid → reconnect the claim (no production connection)',
    from: recovering(
      { name: 'registeringThing', slot: 'production-1', deadline: NOW, issued: ISSUED },
      {},
      null,
    ),
    to: { phase: 'recovering', current: null, step: { name: 'connectingClaim', issued: ISSUED } },
    actions: ['persist', 'connectClaim:production-1', `scheduleTick:${DEADLINE}`],
  },
  {
    name: 'recovering/committing → switch again',
    from: recovering({ name: 'committing', next: NEW, deadline: NOW }),
    to: { phase: 'recovering', step: { name: 'switching', next: NEW } },
    actions: ['persist', 'connectProduction:production-1', `scheduleTick:${DEADLINE}`],
  },
  {
    name: 'backoff (renewal), not due → keep waiting on the old certificate',
    from: waiting('backoff'),
    to: { phase: 'backoff', retryAt: R },
    actions: ['connectProduction:production-0', `scheduleTick:${R}`],
  },
  {
    name: 'backoff (renewal), due → retry',
    from: waiting('backoff'),
    now: R,
    to: { phase: 'renewing', step: { name: 'generatingKey', slot: 'production-2' } },
    actions: [
      'persist',
      'connectProduction:production-0',
      'generateKey:production-2',
      `scheduleTick:${R + STEP}`,
    ],
  },
  {
    name: 'backoff (renewal, startOver) before NTP → renewal abandoned, attempt count kept',
    from: waiting('backoff'),
    synced: false,
    to: { phase: 'clockUntrusted', attempt: 2 },
    actions: [
      'persist',
      'report:renewalAbandoned',
      'connectProduction:production-0',
      'report:clockUntrusted',
      'scheduleTick:null',
    ],
  },
  {
    name: 'backoff (renewal, switch) before NTP → keep the registered certificate and wait',
    from: waiting('backoff', { resume: { kind: 'switch', next: NEW } }),
    synced: false,
    to: { phase: 'backoff', resume: { kind: 'switch', next: NEW } },
    actions: ['persist', 'connectProduction:production-0', `scheduleTick:${R}`],
  },
  {
    name: 'backoff (renewal), old certificate expired while off → recovering at once',
    from: waiting('backoff'),
    now: PROD.notAfter,
    to: { phase: 'recovering', current: PROD },
    actions: [
      'persist',
      'report:productionDead',
      'generateKey:production-2',
      `scheduleTick:${PROD.notAfter + STEP}`,
    ],
  },
  {
    name: 'backoff (recovery), not due → wait, no production connection',
    from: waiting('backoff', { mode: 'recovery', current: null }),
    to: { phase: 'backoff', mode: 'recovery' },
    actions: [`scheduleTick:${R}`],
  },
  {
    name: 'needsTechnician (renewal) → a reboot retries at once',
    from: waiting('needsTechnician', { retryAt: NOW + HOUR }),
    to: { phase: 'renewing', step: { name: 'generatingKey', slot: 'production-2' } },
    actions: [
      'persist',
      'connectProduction:production-0',
      'generateKey:production-2',
      `scheduleTick:${DEADLINE}`,
    ],
  },
  {
    name: 'needsTechnician (recovery) → a reboot retries at once',
    from: waiting('needsTechnician', { mode: 'recovery', retryAt: NOW + HOUR }),
    to: { phase: 'recovering', step: { name: 'generatingKey', slot: 'production-2' } },
    actions: ['persist', 'generateKey:production-2', `scheduleTick:${DEADLINE}`],
  },
  {
    name: 'needsTechnician (renewal) before NTP → renewal abandoned',
    from: waiting('needsTechnician', { retryAt: NOW + HOUR }),
    synced: false,
    to: { phase: 'clockUntrusted' },
    actions: [
      'persist',
      'report:renewalAbandoned',
      'connectProduction:production-0',
      'report:clockUntrusted',
      'scheduleTick:null',
    ],
  },
];

describe('crash and restart at each state', () => {
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    // What the daemon does: write JSON, die, read JSON back through the schema, feed `restarted`.
    const loaded = roundTrip(row.from);
    expect(loaded).toEqual(row.from);
    const result = transition(
      loaded,
      ev('restarted', row.now ?? NOW, { clockSynchronized: row.synced ?? true }),
    );
    expect(result.state).toMatchObject(row.to);
    expect(summarize(result.actions)).toEqual(row.actions);
    expect(roundTrip(result.state)).toEqual(result.state);
  });

  it.each(rows.map((row) => [row.name, row] as const))(
    'restarting twice is as good as once: %s',
    (_name, row) => {
      const now = row.now ?? NOW;
      const synced = row.synced ?? true;
      const once = transition(
        roundTrip(row.from),
        ev('restarted', now, { clockSynchronized: synced }),
      ).state;
      const twice = transition(
        roundTrip(once),
        ev('restarted', now + 1_000, { clockSynchronized: synced }),
      ).state;
      // The second restart may count one more lost attempt but never loses a credential.
      expect(twice.current).toEqual(once.current);
      expect(twice.claim).toEqual(CLAIM);
    },
  );

  it('re-registers with the same ownership token after reconnecting the claim', () => {
    const from = renewing({
      name: 'registeringThing',
      slot: 'production-1',
      deadline: NOW,
      issued: ISSUED,
    });
    const restarted = transition(
      roundTrip(from),
      ev('restarted', NOW, { clockSynchronized: true }),
    ).state;
    const connected = transition(
      restarted,
      ev('claimConnected', NOW + 1_000, { slot: 'production-1' }),
    );
    expect(connected.state).toMatchObject({ step: { name: 'registeringThing', issued: ISSUED } });
    expect(summarize(connected.actions)).toEqual([
      'persist',
      'registerThing:production-1:tok',
      `scheduleTick:${NOW + 1_000 + STEP}`,
    ]);
  });

  it('commits again after switching again, and finishes', () => {
    const from = renewing({ name: 'committing', next: NEW, deadline: NOW });
    const restarted = transition(
      roundTrip(from),
      ev('restarted', NOW, { clockSynchronized: true }),
    ).state;
    const switched = transition(
      restarted,
      ev('productionConnected', NOW + 1_000, { slot: 'production-1' }),
    );
    expect(summarize(switched.actions)).toContain('publishCommit:production-1:old=0001');
    const done = transition(
      switched.state,
      ev('commitAccepted', NOW + 2_000, { slot: 'production-1' }),
    );
    expect(done.state).toMatchObject({
      phase: 'operating',
      current: NEW,
      pendingDeletions: [{ slot: 'production-0', kind: 'retired' }],
    });
  });
});
