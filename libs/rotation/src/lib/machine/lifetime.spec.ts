import {
  CLAIM,
  DAY,
  HOUR,
  MINUTE,
  PROD,
  T0,
  YEAR,
  certId,
  prng,
} from '../../spec-support/fixtures.js';
import { type RotationAction } from '../action/schemas.js';
import { resolveRotationConfig } from '../config/resolveRotationConfig.js';
import { type RotationConfig } from '../config/schemas.js';
import { type Credential } from '../credential/schemas.js';
import { type RotationEvent } from '../event/schemas.js';
import { createInitialState } from '../state/createInitialState.js';
import { deserializeRotationState } from '../state/deserializeRotationState.js';
import { referencedSlots } from '../state/referencedSlots.js';
import { type RotationState } from '../state/schemas.js';
import { serializeRotationState } from '../state/serializeRotationState.js';
import { stepSlot } from './stepSlot.js';
import { transition } from './transition.js';

/** A cheap assertion for the simulation's hot path (jest's expect is too slow for thousands of checks). */
function invariant(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant violated: ${message}`);
}

type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;
type Pending = DistributiveOmit<RotationEvent, 'now' | 'random'>;
/** What the fake world has scheduled: an event for the machine, or one of its own chores. */
type Scheduled = Pending | 'restart' | 'dailyChores' | 'retryProduction';

interface AwsCert {
  status: 'PENDING_ACTIVATION' | 'ACTIVE' | 'INACTIVE';
  notBefore: number;
  notAfter: number;
  token: string;
  tokenExpiresAt: number;
}

interface Options {
  seed: number;
  years: number;
  /** Probability that any one operation fails (rejected, timeout, lost answer). */
  failure: number;
  /** Probability of a crash before each action and once a day. */
  crash: number;
  /** Robot powered off between these times (long dormancy). */
  dormant?: { from: number; until: number };
  /** Operators revoke the production certificate in use at this time. */
  revokeAt?: number;
  /** The claim certificate is refused between these times. */
  claimRevoked?: { from: number; until: number };
  config?: RotationConfig;
}

/**
 * A fake robot and a fake AWS IoT around the machine: a disk of slots, the provisioning API, a commit
 * backend, two connections, one timer, crashes that lose everything but the persisted JSON. Asserts
 * the invariants after every step.
 */
class World {
  now = T0;
  readonly rng: () => number;
  readonly aws = new Map<string, AwsCert>([
    [
      PROD.certificateId,
      {
        status: 'ACTIVE',
        notBefore: PROD.notBefore,
        notAfter: PROD.notAfter,
        token: '',
        tokenExpiresAt: 0,
      },
    ],
  ]);
  /** slot → certificate id (or null for a key without certificate yet). */
  readonly disk = new Map<string, string | null>([
    [CLAIM.slot, CLAIM.certificateId],
    [PROD.slot, PROD.certificateId],
  ]);
  persisted: string;
  /** The persisted state read back through the schema (what a restart would load). */
  saved: RotationState;
  state: RotationState;
  alive = true;
  timerAt: number | null = null;
  queue: Array<{ at: number; event: Scheduled }> = [];
  productionSlot: string | null = null;
  productionConnected = false;
  claimFor: string | null = null;
  claimConnected = false;
  readonly commitsAccepted = new Set<string>();
  readonly everCurrent = new Set<string>();
  readonly reports: string[] = [];
  /** Every phase the machine entered (reports can be lost to a crash; phases cannot). */
  readonly phases = new Set<string>();
  issued = 0;
  crashes = 0;
  /** Time during which no certificate on disk could connect (production dead). */
  offlineSince: number | null = null;
  offlineTotal = 0;

  constructor(readonly options: Options) {
    this.rng = prng(options.seed);
    this.state = createInitialState({ claim: CLAIM, production: PROD });
    this.persisted = serializeRotationState(this.state);
    this.saved = deserializeRotationState(this.persisted);
    this.queue.push(
      { at: this.now, event: 'restart' },
      { at: this.now + DAY, event: 'dailyChores' },
    );
  }

  chance(p: number): boolean {
    return this.rng() < p;
  }

  later(delay: number, event: Scheduled): void {
    this.queue.push({ at: this.now + delay, event });
  }

  usable(certificateId: string | null | undefined): boolean {
    if (certificateId === null || certificateId === undefined) return false;
    const cert = this.aws.get(certificateId);
    return (
      cert !== undefined &&
      cert.status === 'ACTIVE' &&
      this.now >= cert.notBefore &&
      this.now < cert.notAfter
    );
  }

  claimUsable(): boolean {
    const revoked = this.options.claimRevoked;
    return revoked === undefined || this.now < revoked.from || this.now >= revoked.until;
  }

  run(until: number): void {
    while (this.now < until) {
      const timer = this.alive && this.timerAt !== null ? this.timerAt : Number.POSITIVE_INFINITY;
      const nextIndex = this.queue.reduce(
        (best, item, i) => (best < 0 || item.at < this.queue[best].at ? i : best),
        -1,
      );
      const nextAt = nextIndex < 0 ? Number.POSITIVE_INFINITY : this.queue[nextIndex].at;
      if (timer <= nextAt) {
        this.advance(Math.max(this.now, timer));
        this.timerAt = null;
        this.feed({ type: 'tick' });
        continue;
      }
      const item = this.queue.splice(nextIndex, 1)[0];
      this.advance(Math.max(this.now, item.at));
      if (item.event === 'restart') this.boot();
      else if (item.event === 'dailyChores') this.dailyChores();
      else if (item.event === 'retryProduction') {
        if (this.alive && this.productionSlot !== null) this.tryProduction(this.productionSlot);
      } else if (this.alive && this.current(item.event)) this.feed(item.event);
    }
  }

  /** The driver reports only on the production connection it currently wants. */
  current(event: Pending): boolean {
    if (event.type === 'productionConnected') return event.slot === this.productionSlot;
    if (event.type === 'operationFailed' && event.operation === 'connectProduction')
      return event.slot === this.productionSlot;
    return true;
  }

  advance(to: number): void {
    const dead =
      !this.usable(this.disk.get(this.state.current?.slot ?? '')) &&
      !this.usable(this.disk.get(this.nextSlot() ?? ''));
    if (dead && this.offlineSince === null) this.offlineSince = this.now;
    if (!dead && this.offlineSince !== null) {
      this.offlineTotal += this.now - this.offlineSince;
      this.offlineSince = null;
    }
    this.now = to;
  }

  /** The registered certificate the machine may still switch to, if any. */
  nextSlot(): string | null {
    const s = this.state;
    if ((s.phase === 'renewing' || s.phase === 'recovering') && 'next' in s.step)
      return s.step.next.slot;
    if (s.phase === 'backoff' && s.resume.kind === 'switch') return s.resume.next.slot;
    return null;
  }

  boot(): void {
    const { dormant } = this.options;
    if (dormant !== undefined && this.now >= dormant.from && this.now < dormant.until) {
      this.queue.push({ at: dormant.until, event: 'restart' });
      return;
    }
    this.alive = true;
    this.state = deserializeRotationState(this.persisted);
    const synced = this.chance(0.8);
    this.feed({ type: 'restarted', clockSynchronized: synced });
    if (!synced)
      this.later(1 + Math.floor(this.rng() * 10 * MINUTE), { type: 'clockSynchronized' });
  }

  crash(): void {
    this.crashes += 1;
    this.alive = false;
    this.queue = this.queue.filter((item) => item.event === 'dailyChores');
    this.timerAt = null;
    this.productionSlot = null;
    this.productionConnected = false;
    this.claimFor = null;
    this.claimConnected = false;
    this.later(20_000 + Math.floor(this.rng() * MINUTE), 'restart');
  }

  dailyChores(): void {
    this.later(DAY, 'dailyChores');
    const { dormant, revokeAt } = this.options;
    if (
      dormant !== undefined &&
      this.now >= dormant.from &&
      this.now < dormant.from + DAY &&
      this.alive
    ) {
      this.crash();
      this.queue = this.queue.filter((item) => item.event !== 'restart');
      this.queue.push({ at: dormant.until, event: 'restart' });
      return;
    }
    if (revokeAt !== undefined && this.now >= revokeAt && this.now < revokeAt + DAY) {
      const id = this.disk.get(this.state.current?.slot ?? '');
      const cert = id === null || id === undefined ? undefined : this.aws.get(id);
      if (cert !== undefined) cert.status = 'INACTIVE';
    }
    if (!this.alive) return;
    if (this.chance(this.options.crash)) {
      this.crash();
      return;
    }
    // Network blip: the production connection reconnects and learns whether its certificate still works.
    if (this.productionSlot !== null) this.tryProduction(this.productionSlot);
  }

  feed(pending: Pending): void {
    const event = { ...pending, now: this.now, random: this.rng() };
    const before = this.state;
    const result = transition(before, event, this.options.config);
    this.state = result.state;
    this.phases.add(this.state.phase);
    if (this.state.current !== null) this.everCurrent.add(this.state.current.slot);
    for (const action of result.actions) {
      if (action.type !== 'persist' && this.chance(this.options.crash)) {
        this.crash();
        return;
      }
      this.execute(action);
      this.checkInvariants();
    }
  }

  execute(action: RotationAction): void {
    const failure = this.options.failure;
    switch (action.type) {
      case 'persist':
        this.persisted = serializeRotationState(this.state);
        this.saved = deserializeRotationState(this.persisted);
        return;
      case 'connectProduction':
        if (this.productionSlot === action.slot) return;
        this.productionSlot = action.slot;
        this.productionConnected = false;
        this.tryProduction(action.slot);
        return;
      case 'disconnectProduction':
        this.productionSlot = null;
        this.productionConnected = false;
        return;
      case 'connectClaim': {
        this.claimFor = action.slot;
        this.claimConnected = false;
        const slot = action.slot;
        if (!this.claimUsable()) {
          this.later(1_000, {
            type: 'operationFailed',
            operation: 'connectClaim',
            slot,
            reason: 'notAuthorized',
          });
        } else if (this.chance(failure)) {
          this.later(1_000, {
            type: 'operationFailed',
            operation: 'connectClaim',
            slot,
            reason: 'timeout',
          });
        } else {
          this.claimConnected = true;
          this.later(1_000, { type: 'claimConnected', slot });
        }
        return;
      }
      case 'disconnectClaim':
        this.claimFor = null;
        this.claimConnected = false;
        return;
      case 'generateKey':
        invariant(
          this.options.config?.method !== 'createKeysAndCertificate',
          'no key generation with CreateKeysAndCertificate',
        );
        this.expectAttemptSlot(action.slot);
        if (this.chance(failure / 4)) {
          this.later(100, {
            type: 'operationFailed',
            operation: 'generateKey',
            slot: action.slot,
            reason: 'error',
          });
          return;
        }
        this.disk.set(action.slot, null);
        this.later(100, { type: 'keyGenerated', slot: action.slot });
        return;
      case 'requestCertificate': {
        this.expectAttemptSlot(action.slot);
        invariant(
          this.claimConnected && this.claimFor === action.slot,
          `requestCertificate without claim connection for ${action.slot}`,
        );
        if (this.chance(failure)) {
          if (this.chance(0.5)) {
            this.later(1_000, {
              type: 'operationFailed',
              operation: 'requestCertificate',
              slot: action.slot,
              reason: 'rejected',
              errorCode: 'Throttling',
            });
          }
          return; // else the answer is lost: the step's deadline fails it
        }
        this.issued += 1;
        const id = certId(0x10000 + this.issued);
        const token = `token-${this.issued}`;
        this.aws.set(id, {
          status: 'PENDING_ACTIVATION',
          notBefore: this.now,
          notAfter: this.now + YEAR,
          token,
          tokenExpiresAt: this.now + HOUR,
        });
        const slot = action.slot;
        const notBefore = this.now;
        this.queue.push({
          at: this.now + 1_000,
          event: {
            type: 'certificateIssued',
            slot,
            certificateId: id,
            certificateOwnershipToken: token,
            notBefore,
            notAfter: notBefore + YEAR,
          },
        });
        // The daemon writes the certificate (and, for CreateKeysAndCertificate, the key) before feeding the event.
        this.disk.set(slot, id);
        return;
      }
      case 'registerThing': {
        this.expectAttemptSlot(action.slot);
        const entry = [...this.aws.entries()].find(
          ([, c]) => c.token === action.certificateOwnershipToken,
        );
        if (entry === undefined || this.now >= entry[1].tokenExpiresAt || this.chance(failure)) {
          this.later(1_000, {
            type: 'operationFailed',
            operation: 'registerThing',
            slot: action.slot,
            reason: 'rejected',
            errorCode: 'InvalidCertificateOwnershipToken',
          });
          return;
        }
        entry[1].status = 'ACTIVE';
        if (this.chance(failure)) return; // activated, but the answer is lost
        this.later(1_000, { type: 'thingRegistered', slot: action.slot });
        return;
      }
      case 'publishCommit': {
        // The backend checks that the connection really uses the new certificate (aws-wire §8).
        const onNew =
          this.productionConnected &&
          this.productionSlot === action.slot &&
          this.disk.get(action.slot) === action.newCertificateId;
        if (!onNew || this.chance(failure)) {
          this.later(1_000, {
            type: 'operationFailed',
            operation: 'publishCommit',
            slot: action.slot,
            reason: 'rejected',
          });
          return;
        }
        const old = this.aws.get(action.oldCertificateId);
        if (old !== undefined) old.status = 'INACTIVE';
        this.commitsAccepted.add(action.oldCertificateId);
        if (this.chance(failure)) return; // committed, but the answer is lost
        this.later(1_000, { type: 'commitAccepted', slot: action.slot });
        return;
      }
      case 'deleteSlot': {
        invariant(action.slot !== CLAIM.slot, 'the claim slot is never deleted');
        const id = this.disk.get(action.slot);
        if (this.everCurrent.has(action.slot) && id !== null && id !== undefined) {
          // Invariant: a production credential that was in use is deleted only after its commit was
          // accepted, or once it no longer works (recovery).
          invariant(
            this.commitsAccepted.has(id) || !this.usable(id),
            `working credential ${action.slot} deleted before its commit was accepted`,
          );
          if (action.kind === 'retired')
            invariant(
              this.commitsAccepted.has(id),
              `${action.slot} retired without an accepted commit`,
            );
        }
        if (action.kind === 'abandoned')
          invariant(!this.everCurrent.has(action.slot), `${action.slot} was in use, not abandoned`);
        this.disk.delete(action.slot);
        this.later(10, { type: 'slotDeleted', slot: action.slot });
        return;
      }
      case 'scheduleTick':
        this.timerAt = action.at;
        return;
      case 'report':
        this.reports.push(action.code);
        return;
    }
  }

  tryProduction(slot: string): void {
    const id = this.disk.get(slot);
    if (this.chance(this.options.failure / 2)) {
      // Network trouble: the driver's client retries by itself a little later.
      this.later(30_000, 'retryProduction');
      return;
    }
    if (id === undefined || id === null) {
      this.later(1_000, {
        type: 'operationFailed',
        operation: 'connectProduction',
        slot,
        reason: 'credentialUnreadable',
      });
    } else if (!this.usable(id)) {
      this.later(1_000, {
        type: 'operationFailed',
        operation: 'connectProduction',
        slot,
        reason: 'notAuthorized',
      });
    } else {
      this.productionConnected = true;
      this.later(1_000, { type: 'productionConnected', slot });
    }
  }

  /** At most one renewal in flight: every provisioning action belongs to the one attempt in the state. */
  expectAttemptSlot(slot: string): void {
    const s = this.state;
    invariant(
      s.phase === 'renewing' || s.phase === 'recovering',
      `provisioning for ${slot} outside a rotation (${s.phase})`,
    );
    invariant(
      stepSlot(s.step) === slot,
      `provisioning for ${slot} while the attempt in flight is ${stepSlot(s.step)}`,
    );
  }

  checkInvariants(): void {
    // The way back is never touched.
    invariant(this.disk.get(CLAIM.slot) === CLAIM.certificateId, 'claim credential on disk');
    invariant(
      this.state.claim === CLAIM || JSON.stringify(this.state.claim) === JSON.stringify(CLAIM),
      'claim unchanged in the state',
    );
    // What survives a crash never names a deleted credential.
    const saved = this.saved;
    const mustExist: Credential[] = [];
    if (saved.current !== null) mustExist.push(saved.current);
    if ((saved.phase === 'renewing' || saved.phase === 'recovering') && 'next' in saved.step)
      mustExist.push(saved.step.next);
    if (saved.phase === 'backoff' && saved.resume.kind === 'switch')
      mustExist.push(saved.resume.next);
    for (const credential of mustExist) {
      invariant(
        this.disk.get(credential.slot) === credential.certificateId,
        `persisted state names ${credential.slot}, which is not on disk`,
      );
    }
    // Never zero usable credentials: the claim works, or a production certificate on disk does.
    const productionWorks = [...this.disk.values()].some(
      (id) => id !== CLAIM.certificateId && this.usable(id),
    );
    invariant(this.claimUsable() || productionWorks, 'no usable credential left');
  }
}

/** Multiplies the number of seeds: run `ROTATION_SIM_SCALE=50 npx jest lifetime` after changing the machine. */
const SCALE = Math.max(1, Number(process.env['ROTATION_SIM_SCALE'] ?? '1') || 1);

/** `count × SCALE` consecutive PRNG seeds from `first × SCALE`. */
function seeds(first: number, count: number): number[] {
  return Array.from({ length: count * SCALE }, (_, i) => first * SCALE + i);
}

function simulate(options: Options): World {
  const world = new World(options);
  world.run(T0 + options.years * YEAR);
  return world;
}

describe('full simulated lifetime (1-year certificates, random failures, crashes)', () => {
  it.each(seeds(1, 20))(
    '3 years, seed %i: renews every year without ever going offline',
    (seed) => {
      const world = simulate({ seed, years: 3, failure: 0.2, crash: 0.01 });
      // Three rotations in three years (reports can be lost to a crash; credentials put in use cannot).
      expect(world.everCurrent.size).toBeGreaterThanOrEqual(4);
      expect(world.phases).not.toContain('needsTechnician');
      expect(world.offlineTotal).toBe(0);
      expect(world.crashes).toBeGreaterThan(0);
      // The robot ends on a working certificate with no stray files.
      const current = world.state.current;
      expect(current).not.toBeNull();
      expect(world.usable(world.disk.get(current?.slot ?? ''))).toBe(true);
      const referenced = new Set(referencedSlots(world.state));
      for (const slot of world.disk.keys()) expect(referenced.has(slot)).toBe(true);
    },
  );

  it.each(seeds(100, 10))(
    'heavy failures (50 %%) and crashes (5 %%), seed %i: invariants hold, still renews',
    (seed) => {
      const world = simulate({ seed, years: 3, failure: 0.5, crash: 0.05 });
      expect(world.everCurrent.size).toBeGreaterThanOrEqual(4);
      expect(world.usable(world.disk.get(world.state.current?.slot ?? ''))).toBe(true);
    },
  );

  it.each(seeds(200, 5))(
    'dormant for 14 months, seed %i: recovers through the claim certificate after waking',
    (seed) => {
      const world = simulate({
        seed,
        years: 3,
        failure: 0.2,
        crash: 0.01,
        dormant: { from: T0 + 100 * DAY, until: T0 + 100 * DAY + 425 * DAY },
      });
      expect(world.phases).toContain('recovering');
      expect(world.usable(world.disk.get(world.state.current?.slot ?? ''))).toBe(true);
    },
  );

  it.each(seeds(300, 5))(
    'production certificate revoked on day 200, seed %i: recovers, then renews on schedule',
    (seed) => {
      const world = simulate({
        seed,
        years: 3,
        failure: 0.2,
        crash: 0.01,
        revokeAt: T0 + 200 * DAY,
      });
      expect(world.phases).toContain('recovering');
      expect(world.everCurrent.size).toBeGreaterThanOrEqual(4);
      expect(world.usable(world.disk.get(world.state.current?.slot ?? ''))).toBe(true);
    },
  );

  it.each(seeds(400, 3))(
    'claim refused through the renewal window, seed %i: needsTechnician, keeps the production certificate, renews once fixed',
    (seed) => {
      const from = PROD.notAfter - 40 * DAY;
      const world = simulate({
        seed,
        years: 3,
        failure: 0.2,
        crash: 0.01,
        claimRevoked: { from, until: PROD.notAfter - 10 * DAY },
      });
      expect(world.phases).toContain('needsTechnician');
      expect(world.offlineTotal).toBe(0);
      expect(world.everCurrent.size).toBeGreaterThanOrEqual(4);
    },
  );

  it.each(seeds(500, 10))('CreateKeysAndCertificate, seed %i: renews every year', (seed) => {
    const world = simulate({
      seed,
      years: 3,
      failure: 0.3,
      crash: 0.02,
      config: resolveRotationConfig({ method: 'createKeysAndCertificate' }),
    });
    expect(world.everCurrent.size).toBeGreaterThanOrEqual(4);
    expect(world.offlineTotal).toBe(0);
  });
});
