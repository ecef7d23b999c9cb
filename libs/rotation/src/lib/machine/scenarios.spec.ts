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
  ev,
  operating,
  renewing,
  summarize,
} from '../../spec-support/fixtures.js';
import { type RotationEvent } from '../event/schemas.js';
import { createInitialState } from '../state/createInitialState.js';
import { type RotationState } from '../state/schemas.js';
import { transition } from './transition.js';

/** A minimal driver: feeds events and remembers the state. */
class Machine {
  constructor(public state: RotationState) {}
  feed(event: RotationEvent): string[] {
    const result = transition(this.state, event);
    this.state = result.state;
    return summarize(result.actions);
  }
  /** Runs one provisioning attempt from `generatingKey` to `switching` (RegisterThing accepted). */
  provision(now: number, n: number): number {
    const slot = `production-${n}`;
    this.feed(ev('keyGenerated', now, { slot }));
    this.feed(ev('claimConnected', now + 1_000, { slot }));
    this.feed(
      ev('certificateIssued', now + 2_000, {
        slot,
        certificateId: certId(100 + n),
        certificateOwnershipToken: `tok-${n}`,
        notBefore: now,
        notAfter: now + YEAR,
      }),
    );
    this.feed(ev('thingRegistered', now + 3_000, { slot }));
    return now + 4_000;
  }
}

describe('scenario: clock not trusted', () => {
  it('operates on the production certificate without judging, then judges once the clock is synchronised', () => {
    const m = new Machine(createInitialState({ claim: CLAIM, production: PROD }));
    // A Raspberry Pi boots with a stale clock that happens to be past the renewal date.
    expect(m.feed(ev('restarted', PROD_DUE + DAY, { clockSynchronized: false }))).toEqual([
      'persist',
      'connectProduction:production-0',
      'report:clockUntrusted',
      'scheduleTick:null',
    ]);
    // Time passes (even past expiry by the wrong clock): no renewal, no recovery.
    for (const now of [PROD_DUE + 2 * DAY, PROD.notAfter + DAY, 0]) {
      expect(m.feed(ev('tick', now))).toEqual(['scheduleTick:null']);
      expect(m.state.phase).toBe('clockUntrusted');
    }
    expect(m.feed(ev('productionConnected', PROD_DUE, { slot: 'production-0' }))).toEqual([]);
    // NTP sets the real time: not due yet.
    expect(m.feed(ev('clockSynchronized', T0 + 100 * DAY))).toEqual([
      'persist',
      `scheduleTick:${PROD_DUE}`,
    ]);
    expect(m.state.phase).toBe('operating');
    // The timer fires at the due time: renewal starts.
    expect(m.feed(ev('tick', PROD_DUE))).toContain('generateKey:production-1');
    expect(m.state.phase).toBe('renewing');
  });
});

describe('scenario: renewal due by age before expiry', () => {
  it('renews an AWS-signed certificate (notAfter 2049) after 335 days', () => {
    const aws = { ...PROD, notAfter: Date.UTC(2049, 11, 31, 23, 59, 59) };
    const m = new Machine(createInitialState({ claim: CLAIM, production: aws }));
    expect(m.feed(ev('restarted', T0 + DAY, { clockSynchronized: true }))).toEqual([
      'persist',
      'connectProduction:production-0',
      `scheduleTick:${T0 + 335 * DAY}`,
    ]);
    m.feed(ev('tick', T0 + 335 * DAY));
    expect(m.state.phase).toBe('renewing');
  });
});

describe('scenario: expiry during renewal', () => {
  it('keeps the old certificate while renewal fails, then recovers through the claim and commits the dead one', () => {
    const m = new Machine(operating());
    let now = PROD_DUE;
    m.feed(ev('tick', now));
    let attempts = 0;
    // RegisterThing is rejected over and over until the old certificate expires.
    while (m.state.phase !== 'recovering') {
      expect(m.state).toMatchObject({ phase: 'renewing', current: PROD });
      const n = m.state.nextSlot - 1;
      const slot = `production-${n}`;
      m.feed(ev('keyGenerated', now, { slot }));
      m.feed(ev('claimConnected', now, { slot }));
      m.feed(
        ev('certificateIssued', now, {
          slot,
          certificateId: certId(100 + n),
          certificateOwnershipToken: `tok-${n}`,
          notBefore: now,
          notAfter: now + YEAR,
        }),
      );
      const actions = m.feed(
        ev('operationFailed', now + 1_000, {
          operation: 'registerThing',
          slot,
          reason: 'rejected',
          errorCode: 'ACCESS_DENIED',
        }),
      );
      expect(actions).toEqual(
        expect.arrayContaining(['disconnectClaim', `deleteSlot:${slot}:abandoned`]),
      );
      expect(actions.filter((a) => a.startsWith('deleteSlot'))).toEqual([
        `deleteSlot:${slot}:abandoned`,
      ]);
      attempts += 1;
      if (m.state.phase !== 'backoff') throw new Error(`expected backoff, got ${m.state.phase}`);
      // The daemon's timer fires at the retry time, or at expiry of the old certificate if sooner.
      now = Math.min(m.state.retryAt, PROD.notAfter);
      m.feed(ev('tick', now));
    }
    expect(attempts).toBeGreaterThan(20);
    expect(now).toBe(PROD.notAfter);
    expect(m.state).toMatchObject({
      phase: 'recovering',
      current: PROD,
      step: { name: 'generatingKey' },
    });
    // The recovery succeeds; the dead certificate is named in the commit and deleted only after acceptance.
    const n = m.state.nextSlot - 1;
    now = m.provision(now, n);
    expect(m.feed(ev('productionConnected', now, { slot: `production-${n}` }))).toContain(
      `publishCommit:production-${n}:old=0001`,
    );
    expect(m.feed(ev('commitAccepted', now + 1_000, { slot: `production-${n}` }))).toEqual([
      'persist',
      'deleteSlot:production-0:retired',
      'report:recovered',
      expect.stringMatching(/^scheduleTick:/),
    ]);
    expect(m.state).toMatchObject({
      phase: 'operating',
      attempt: 0,
      current: { slot: `production-${n}` },
    });
  });
});

describe('scenario: expiry while a renewal step is in flight', () => {
  it('finishes the same attempt as a recovery', () => {
    // A renewal that got going just before expiry (the robot was off for most of the window).
    const start = PROD.notAfter - 2 * MINUTE;
    const m = new Machine(
      renewing({ name: 'generatingKey', slot: 'production-1', deadline: start }),
    );
    m.feed(ev('keyGenerated', start, { slot: 'production-1' }));
    m.feed(ev('claimConnected', start, { slot: 'production-1' }));
    expect(m.state).toMatchObject({ phase: 'renewing', step: { name: 'requestingCertificate' } });
    expect(m.feed(ev('tick', PROD.notAfter))).toEqual([
      'persist',
      'disconnectProduction',
      'report:productionDead',
      `scheduleTick:${start + 120_000}`,
    ]);
    expect(m.state).toMatchObject({
      phase: 'recovering',
      current: PROD,
      step: { name: 'requestingCertificate' },
    });
    m.feed(
      ev('certificateIssued', PROD.notAfter + 1_000, {
        slot: 'production-1',
        certificateId: certId(101),
        certificateOwnershipToken: 'tok',
        notBefore: PROD.notAfter,
        notAfter: PROD.notAfter + YEAR,
      }),
    );
    m.feed(ev('thingRegistered', PROD.notAfter + 2_000, { slot: 'production-1' }));
    expect(
      m.feed(ev('productionConnected', PROD.notAfter + 3_000, { slot: 'production-1' })),
    ).toContain('publishCommit:production-1:old=0001');
    expect(m.feed(ev('commitAccepted', PROD.notAfter + 4_000, { slot: 'production-1' }))).toContain(
      'report:recovered',
    );
    expect(m.state).toMatchObject({
      phase: 'operating',
      current: { slot: 'production-1' },
      attempt: 0,
    });
  });
});

describe('scenario: revoked production certificate', () => {
  it('recovers through the claim certificate when the broker refuses the production certificate', () => {
    const m = new Machine(operating());
    const now = T0 + 50 * DAY;
    expect(
      m.feed(
        ev('operationFailed', now, {
          operation: 'connectProduction',
          slot: 'production-0',
          reason: 'notAuthorized',
        }),
      ),
    ).toEqual([
      'persist',
      'disconnectProduction',
      'report:productionDead',
      'generateKey:production-1',
      `scheduleTick:${now + 120_000}`,
    ]);
    const done = m.provision(now, 1);
    m.feed(ev('productionConnected', done, { slot: 'production-1' }));
    // The backend refuses to commit (the revoked certificate is already gone): recovery carries on.
    expect(
      m.feed(
        ev('operationFailed', done + 1_000, {
          operation: 'publishCommit',
          slot: 'production-1',
          reason: 'rejected',
        }),
      ),
    ).toEqual([
      'persist',
      'deleteSlot:production-0:dead',
      'report:commitSkipped',
      'report:recovered',
      expect.stringMatching(/^scheduleTick:/),
    ]);
    expect(m.state).toMatchObject({ phase: 'operating', current: { slot: 'production-1' } });
  });
});

describe('scenario: claim certificate refused', () => {
  it('reports needsTechnician, retries slowly, never deletes the production certificate, resumes when fixed', () => {
    const m = new Machine(operating());
    let now = PROD_DUE;
    m.feed(ev('tick', now));
    const deletions: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const slot = `production-${m.state.nextSlot - 1}`;
      m.feed(ev('keyGenerated', now, { slot }));
      const actions = m.feed(
        ev('operationFailed', now + 1_000, {
          operation: 'connectClaim',
          slot,
          reason: 'notAuthorized',
        }),
      );
      expect(actions).toContain('report:needsTechnician');
      deletions.push(...actions.filter((a) => a.startsWith('deleteSlot')));
      expect(m.state).toMatchObject({
        phase: 'needsTechnician',
        mode: 'renewal',
        current: PROD,
        attempt: i + 1,
      });
      if (m.state.phase !== 'needsTechnician') throw new Error('unreachable');
      expect(m.state.retryAt).toBe(now + 1_000 + HOUR);
      now = m.state.retryAt;
      m.feed(ev('tick', now));
      expect(m.state.phase).toBe('renewing');
    }
    // Only the attempts' own slots were ever deleted.
    expect(deletions.every((d) => d.endsWith(':abandoned'))).toBe(true);
    expect(deletions).not.toContain('deleteSlot:production-0:abandoned');
    // A technician fixes the claim certificate: the next attempt succeeds and resets the counter.
    const n = m.state.nextSlot - 1;
    now = m.provision(now, n);
    m.feed(ev('productionConnected', now, { slot: `production-${n}` }));
    m.feed(ev('commitAccepted', now, { slot: `production-${n}` }));
    expect(m.state).toMatchObject({ phase: 'operating', attempt: 0 });
  });
});

describe('scenario: commit rejected', () => {
  it('rolls back to the old certificate, then switches to the same new certificate and commits again', () => {
    const fresh = new Machine(operating());
    fresh.feed(ev('tick', PROD_DUE));
    let now = fresh.provision(PROD_DUE, 1);
    expect(fresh.feed(ev('productionConnected', now, { slot: 'production-1' }))).toContain(
      'publishCommit:production-1:old=0001',
    );
    expect(
      fresh.feed(
        ev('operationFailed', now + 1_000, {
          operation: 'publishCommit',
          slot: 'production-1',
          reason: 'rejected',
          errorCode: 'Throttled',
        }),
      ),
    ).toEqual([
      'persist',
      'connectProduction:production-0',
      'report:rolledBack',
      'report:attemptFailed',
      `scheduleTick:${now + 1_000 + 7_500}`,
    ]);
    expect(fresh.state).toMatchObject({
      phase: 'backoff',
      resume: { kind: 'switch', next: { slot: 'production-1' } },
      pendingDeletions: [],
    });
    now += 1_000 + 7_500;
    expect(fresh.feed(ev('tick', now))).toEqual([
      'persist',
      'connectProduction:production-1',
      `scheduleTick:${now + 120_000}`,
    ]);
    fresh.feed(ev('productionConnected', now + 1_000, { slot: 'production-1' }));
    expect(fresh.feed(ev('commitAccepted', now + 2_000, { slot: 'production-1' }))).toContain(
      'deleteSlot:production-0:retired',
    );
    expect(fresh.state).toMatchObject({
      phase: 'operating',
      attempt: 0,
      current: { slot: 'production-1' },
    });
  });
});

describe('scenario: new certificate refused at switch', () => {
  it('rolls back to the old certificate, drops the new one and starts over', () => {
    const m = new Machine(operating());
    m.feed(ev('tick', PROD_DUE));
    const now = m.provision(PROD_DUE, 1);
    expect(
      m.feed(
        ev('operationFailed', now, {
          operation: 'connectProduction',
          slot: 'production-1',
          reason: 'notAuthorized',
        }),
      ),
    ).toEqual([
      'persist',
      'connectProduction:production-0',
      'report:rolledBack',
      'deleteSlot:production-1:abandoned',
      'report:attemptFailed',
      `scheduleTick:${now + 7_500}`,
    ]);
    expect(m.state).toMatchObject({
      phase: 'backoff',
      mode: 'renewal',
      current: PROD,
      resume: { kind: 'startOver' },
    });
    m.feed(ev('tick', now + 7_500));
    expect(m.state).toMatchObject({
      phase: 'renewing',
      step: { name: 'generatingKey', slot: 'production-2' },
    });
  });
});

describe('scenario: backoff growth, ceiling, reset on success', () => {
  it('grows the delay with a fixed random up to the ceiling and resets after a completed renewal', () => {
    const m = new Machine(operating());
    let now = PROD_DUE;
    m.feed(ev('tick', now));
    const delays: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const slot = `production-${m.state.nextSlot - 1}`;
      m.feed(ev('operationFailed', now, { operation: 'generateKey', slot, reason: 'error' }));
      if (m.state.phase !== 'backoff') throw new Error(`expected backoff, got ${m.state.phase}`);
      expect(m.state.attempt).toBe(i + 1);
      delays.push(m.state.retryAt - now);
      now = m.state.retryAt;
      // An early tick does not retry.
      m.feed(ev('tick', now - 1));
      expect(m.state.phase).toBe('backoff');
      m.feed(ev('tick', now));
      expect(m.state.phase).toBe('renewing');
    }
    expect(delays).toEqual([
      7_500, 12_500, 22_500, 42_500, 82_500, 162_500, 322_500, 642_500, 1_282_500, 1_802_500,
      1_802_500, 1_802_500,
    ]);
    const n = m.state.nextSlot - 1;
    now = m.provision(now, n);
    m.feed(ev('productionConnected', now, { slot: `production-${n}` }));
    m.feed(ev('commitAccepted', now, { slot: `production-${n}` }));
    expect(m.state).toMatchObject({ phase: 'operating', attempt: 0 });
    // A year later the next renewal's first failure waits the base delay again.
    if (m.state.phase !== 'operating') throw new Error('unreachable');
    now = m.state.current.notAfter - 30 * DAY;
    m.feed(ev('tick', now));
    const slot = `production-${m.state.nextSlot - 1}`;
    m.feed(
      ev('operationFailed', now + MINUTE, { operation: 'generateKey', slot, reason: 'error' }),
    );
    expect(m.state).toMatchObject({ phase: 'backoff', attempt: 1, retryAt: now + MINUTE + 7_500 });
  });
});

describe('scenario: crash right after RegisterThing succeeded', () => {
  // The daemon was killed after RegisterThing answered accepted but before `thingRegistered` was
  // persisted; on restart it registers again and the backend refuses the already used token.
  function restartedInRegistration(): Machine {
    const m = new Machine(operating());
    m.feed(ev('tick', PROD_DUE));
    m.feed(ev('keyGenerated', PROD_DUE, { slot: 'production-1' }));
    m.feed(ev('claimConnected', PROD_DUE + 1_000, { slot: 'production-1' }));
    m.feed(
      ev('certificateIssued', PROD_DUE + 2_000, {
        slot: 'production-1',
        certificateId: certId(101),
        certificateOwnershipToken: 'tok-1',
        notBefore: PROD_DUE,
        notAfter: PROD_DUE + YEAR,
      }),
    );
    m.feed(ev('restarted', PROD_DUE + MINUTE, { clockSynchronized: true }));
    m.feed(ev('claimConnected', PROD_DUE + MINUTE + 1_000, { slot: 'production-1' }));
    expect(m.state).toMatchObject({ phase: 'renewing', step: { name: 'registeringThing' } });
    return m;
  }
  const tokenRefused = (now: number) =>
    ev('operationFailed', now, {
      operation: 'registerThing',
      slot: 'production-1',
      reason: 'rejected',
      errorCode: 'InvalidCertificateOwnershipToken',
    });

  it('switches to the certificate the token already registered and commits it (no second active certificate)', () => {
    const m = restartedInRegistration();
    const now = PROD_DUE + MINUTE + 2_000;
    expect(m.feed(tokenRefused(now))).toEqual([
      'persist',
      'disconnectClaim',
      'report:attemptFailed',
      'connectProduction:production-1',
      `scheduleTick:${now + 120_000}`,
    ]);
    expect(m.state).toMatchObject({
      phase: 'renewing',
      step: { name: 'switching', next: { slot: 'production-1', certificateId: certId(101) } },
    });
    expect(m.feed(ev('productionConnected', now + 1_000, { slot: 'production-1' }))).toContain(
      `publishCommit:production-1:old=0001`,
    );
    m.feed(ev('commitAccepted', now + 2_000, { slot: 'production-1' }));
    expect(m.state).toMatchObject({ phase: 'operating', current: { slot: 'production-1' } });
  });

  it('drops the certificate when the broker refuses it (the token had expired unused)', () => {
    const m = restartedInRegistration();
    const now = PROD_DUE + MINUTE + 2_000;
    m.feed(tokenRefused(now));
    expect(
      m.feed(
        ev('operationFailed', now + 1_000, {
          operation: 'connectProduction',
          slot: 'production-1',
          reason: 'notAuthorized',
        }),
      ),
    ).toEqual(
      expect.arrayContaining([
        'connectProduction:production-0',
        'deleteSlot:production-1:abandoned',
      ]),
    );
    expect(m.state).toMatchObject({ phase: 'backoff', resume: { kind: 'startOver' } });
  });

  it('other RegisterThing rejections still drop the attempt', () => {
    const m = restartedInRegistration();
    const actions = m.feed(
      ev('operationFailed', PROD_DUE + MINUTE + 2_000, {
        operation: 'registerThing',
        slot: 'production-1',
        reason: 'rejected',
        errorCode: 'AccessDenied',
      }),
    );
    expect(actions).toContain('deleteSlot:production-1:abandoned');
    expect(m.state).toMatchObject({ phase: 'backoff', resume: { kind: 'startOver' } });
  });
});
