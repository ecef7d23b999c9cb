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
import { resolveRotationConfig } from '../config/resolveRotationConfig.js';
import { DEFAULT_ROTATION_CONFIG, type RotationConfig } from '../config/schemas.js';
import { type RotationEvent } from '../event/schemas.js';
import { RotationError } from '../errors/RotationError.js';
import { renewalDueAt } from '../renewal/renewalDueAt.js';
import { createInitialState } from '../state/createInitialState.js';
import { type LastFailure, type RotationState } from '../state/schemas.js';
import { transition } from './transition.js';

const STEP = 120_000;
const SKEW = 300_000;
const NOW = PROD_DUE + MINUTE;
const DEADLINE = NOW + STEP;
/** The certificate a renewal at NOW obtains, in slot production-1. */
const NEW = {
  certificateId: certId(101),
  notBefore: NOW,
  notAfter: NOW + YEAR,
  slot: 'production-1',
};
const NEW_DUE = renewalDueAt(NEW);
const ISSUED = {
  certificateId: NEW.certificateId,
  notBefore: NEW.notBefore,
  notAfter: NEW.notAfter,
  certificateOwnershipToken: 'tok',
  tokenExpiresAt: NOW + HOUR,
};
const FAILURE: LastFailure = { operation: 'registerThing', reason: 'timeout', at: NOW };
const R = NOW + 7_500;

const booting = (production: typeof PROD | null = PROD) =>
  createInitialState({ claim: CLAIM, production });
const untrusted: RotationState = {
  ...common({ clockSynchronized: false }),
  phase: 'clockUntrusted',
  current: PROD,
};
const backoff = (over: Partial<Extract<RotationState, { phase: 'backoff' }>> = {}): RotationState =>
  ({
    ...common({ attempt: 1, nextSlot: 2 }),
    phase: 'backoff',
    mode: 'renewal',
    current: PROD,
    resume: { kind: 'startOver' },
    retryAt: R,
    lastFailure: FAILURE,
    ...over,
  }) as RotationState;
const technician = (
  over: Partial<Extract<RotationState, { phase: 'needsTechnician' }>> = {},
): RotationState =>
  ({
    ...common({ attempt: 1, nextSlot: 2 }),
    phase: 'needsTechnician',
    mode: 'renewal',
    current: PROD,
    retryAt: NOW + HOUR,
    lastFailure: { operation: 'connectClaim', reason: 'notAuthorized', at: NOW },
    ...over,
  }) as RotationState;
const refused = (
  slot: string,
  now = NOW,
  reason: 'notAuthorized' | 'credentialUnreadable' = 'notAuthorized',
) => ev('operationFailed', now, { operation: 'connectProduction', slot, reason });
const keysAndCert = resolveRotationConfig({ method: 'createKeysAndCertificate' });

interface Row {
  name: string;
  from: RotationState;
  event: RotationEvent;
  config?: RotationConfig;
  to: Record<string, unknown>;
  actions: string[];
}

const rows: Row[] = [
  // ── booting ──────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'booting + restarted (clock synchronised, valid certificate) → operating',
    from: booting(),
    event: ev('restarted', T0 + 10 * DAY, { clockSynchronized: true }),
    to: { phase: 'operating', current: PROD, clockSynchronized: true },
    actions: ['persist', 'connectProduction:production-0', `scheduleTick:${PROD_DUE}`],
  },
  {
    name: 'booting + restarted (clock not synchronised) → clockUntrusted, using the certificate',
    from: booting(),
    event: ev('restarted', T0 + 10 * DAY, { clockSynchronized: false }),
    to: { phase: 'clockUntrusted', current: PROD },
    actions: [
      'persist',
      'connectProduction:production-0',
      'report:clockUntrusted',
      'scheduleTick:null',
    ],
  },
  {
    name: 'booting + restarted (synchronised, but earlier than the build time) → clockUntrusted',
    from: booting(),
    event: ev('restarted', Date.UTC(2024, 0, 1), { clockSynchronized: true }),
    to: { phase: 'clockUntrusted' },
    actions: [
      'persist',
      'connectProduction:production-0',
      'report:clockUntrusted',
      `scheduleTick:${T0 - SKEW}`,
    ],
  },
  {
    name: "booting + restarted (synchronised, earlier than the certificate's notBefore) → clockUntrusted",
    from: booting(),
    event: ev('restarted', T0 - DAY, { clockSynchronized: true }),
    to: { phase: 'clockUntrusted' },
    actions: [
      'persist',
      'connectProduction:production-0',
      'report:clockUntrusted',
      `scheduleTick:${T0 - SKEW}`,
    ],
  },
  {
    name: 'booting + restarted (renewal due) → renewing, keeping the production connection',
    from: booting(),
    event: ev('restarted', PROD_DUE, { clockSynchronized: true }),
    to: {
      phase: 'renewing',
      step: { name: 'generatingKey', slot: 'production-1', deadline: PROD_DUE + STEP },
      nextSlot: 2,
    },
    actions: [
      'persist',
      'connectProduction:production-0',
      'report:renewalStarted',
      'generateKey:production-1',
      `scheduleTick:${PROD_DUE + STEP}`,
    ],
  },
  {
    name: 'booting + restarted (certificate expired) → recovering',
    from: booting(),
    event: ev('restarted', PROD.notAfter + DAY, { clockSynchronized: true }),
    to: {
      phase: 'recovering',
      current: PROD,
      step: { name: 'generatingKey', slot: 'production-1' },
    },
    actions: [
      'persist',
      'report:productionDead',
      'generateKey:production-1',
      `scheduleTick:${PROD.notAfter + DAY + STEP}`,
    ],
  },
  {
    name: 'booting + restarted (no production certificate, clock untrusted) → recovering anyway',
    from: booting(null),
    event: ev('restarted', 0, { clockSynchronized: false }),
    to: {
      phase: 'recovering',
      current: null,
      step: { name: 'generatingKey', slot: 'production-1' },
    },
    actions: [
      'persist',
      'report:recoveryStarted',
      'generateKey:production-1',
      `scheduleTick:${STEP}`,
    ],
  },
  {
    name: 'booting + restarted (no production certificate, claim expired) → needsTechnician',
    from: booting(null),
    event: ev('restarted', CLAIM.notAfter, { clockSynchronized: true }),
    to: {
      phase: 'needsTechnician',
      mode: 'recovery',
      attempt: 1,
      retryAt: CLAIM.notAfter + HOUR,
      lastFailure: { reason: 'claimExpired' },
    },
    actions: [
      'persist',
      'report:recoveryStarted',
      'report:needsTechnician',
      `scheduleTick:${CLAIM.notAfter + HOUR}`,
    ],
  },
  {
    name: 'booting + tick → nothing is judged before restarted',
    from: booting(),
    event: ev('tick', PROD.notAfter + DAY),
    to: { phase: 'booting' },
    actions: ['scheduleTick:null'],
  },
  {
    name: 'booting + keyGenerated → ignored',
    from: booting(),
    event: ev('keyGenerated', NOW, { slot: 'production-1' }),
    to: { phase: 'booting' },
    actions: [],
  },
  // ── clockUntrusted ───────────────────────────────────────────────────────────────────────────────
  {
    name: 'clockUntrusted + clockSynchronized (not due) → operating',
    from: untrusted,
    event: ev('clockSynchronized', T0 + 10 * DAY),
    to: { phase: 'operating', clockSynchronized: true },
    actions: ['persist', `scheduleTick:${PROD_DUE}`],
  },
  {
    name: 'clockUntrusted + clockSynchronized (due) → renewing',
    from: untrusted,
    event: ev('clockSynchronized', NOW),
    to: { phase: 'renewing', step: { name: 'generatingKey' } },
    actions: [
      'persist',
      'report:renewalStarted',
      'generateKey:production-1',
      `scheduleTick:${DEADLINE}`,
    ],
  },
  {
    name: 'clockUntrusted + clockSynchronized (expired) → recovering',
    from: untrusted,
    event: ev('clockSynchronized', PROD.notAfter),
    to: { phase: 'recovering', current: PROD },
    actions: [
      'persist',
      'disconnectProduction',
      'report:productionDead',
      'generateKey:production-1',
      `scheduleTick:${PROD.notAfter + STEP}`,
    ],
  },
  {
    name: 'clockUntrusted + clockSynchronized (still before notBefore − skew) → clockUntrusted, wake then',
    from: untrusted,
    event: ev('clockSynchronized', T0 - HOUR),
    to: { phase: 'clockUntrusted', clockSynchronized: true },
    actions: ['persist', `scheduleTick:${T0 - SKEW}`],
  },
  {
    name: 'clockUntrusted + tick long past expiry → no judging on an untrusted clock',
    from: untrusted,
    event: ev('tick', PROD.notAfter + YEAR),
    to: { phase: 'clockUntrusted' },
    actions: ['scheduleTick:null'],
  },
  {
    name: 'clockUntrusted + production refused → recovering (the broker, not the clock, decided)',
    from: untrusted,
    event: refused('production-0', 0),
    to: {
      phase: 'recovering',
      current: PROD,
      step: { name: 'generatingKey', slot: 'production-1' },
    },
    actions: [
      'persist',
      'disconnectProduction',
      'report:productionDead',
      'generateKey:production-1',
      `scheduleTick:${STEP}`,
    ],
  },
  {
    name: 'clockUntrusted + production connect timeout → ignored (the driver keeps reconnecting)',
    from: untrusted,
    event: ev('operationFailed', NOW, {
      operation: 'connectProduction',
      slot: 'production-0',
      reason: 'timeout',
    }),
    to: { phase: 'clockUntrusted' },
    actions: [],
  },
  // ── operating ────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'operating + tick before due → operating',
    from: operating(),
    event: ev('tick', PROD_DUE - 1),
    to: { phase: 'operating' },
    actions: [`scheduleTick:${PROD_DUE}`],
  },
  {
    name: 'operating + tick at due → renewing (CSR: generate the key first)',
    from: operating(),
    event: ev('tick', NOW),
    to: {
      phase: 'renewing',
      current: PROD,
      step: { name: 'generatingKey', slot: 'production-1', deadline: DEADLINE },
      nextSlot: 2,
    },
    actions: [
      'persist',
      'report:renewalStarted',
      'generateKey:production-1',
      `scheduleTick:${DEADLINE}`,
    ],
  },
  {
    name: 'operating + tick at due (CreateKeysAndCertificate) → renewing, claim connection first',
    from: operating(),
    event: ev('tick', NOW),
    config: keysAndCert,
    to: {
      phase: 'renewing',
      step: { name: 'connectingClaim', slot: 'production-1', issued: null },
    },
    actions: [
      'persist',
      'report:renewalStarted',
      'connectClaim:production-1',
      `scheduleTick:${DEADLINE}`,
    ],
  },
  {
    name: 'operating + tick after expiry (robot was suspended) → recovering',
    from: operating(),
    event: ev('tick', PROD.notAfter),
    to: { phase: 'recovering', current: PROD },
    actions: [
      'persist',
      'disconnectProduction',
      'report:productionDead',
      'generateKey:production-1',
      `scheduleTick:${PROD.notAfter + STEP}`,
    ],
  },
  {
    name: 'operating + tick at age due (AWS-signed certificate valid until 2049) → renewing',
    from: operating({ ...PROD, notAfter: Date.UTC(2049, 11, 31) }),
    event: ev('tick', T0 + 335 * DAY),
    to: { phase: 'renewing' },
    actions: [
      'persist',
      'report:renewalStarted',
      'generateKey:production-1',
      `scheduleTick:${T0 + 335 * DAY + STEP}`,
    ],
  },
  {
    name: 'operating + production refused (revoked) → recovering',
    from: operating(),
    event: refused('production-0', T0 + DAY),
    to: { phase: 'recovering', current: PROD },
    actions: [
      'persist',
      'disconnectProduction',
      'report:productionDead',
      'generateKey:production-1',
      `scheduleTick:${T0 + DAY + STEP}`,
    ],
  },
  {
    name: 'operating + production credential unreadable (files missing) → recovering',
    from: operating(),
    event: refused('production-0', T0 + DAY, 'credentialUnreadable'),
    to: { phase: 'recovering', current: PROD },
    actions: [
      'persist',
      'disconnectProduction',
      'report:productionDead',
      'generateKey:production-1',
      `scheduleTick:${T0 + DAY + STEP}`,
    ],
  },
  {
    name: 'operating + refusal of another slot → ignored',
    from: operating(),
    event: refused('production-9'),
    to: { phase: 'operating' },
    actions: [],
  },
  {
    name: 'operating + productionConnected → nothing to do',
    from: operating(),
    event: ev('productionConnected', T0, { slot: 'production-0' }),
    to: { phase: 'operating' },
    actions: [],
  },
  {
    name: 'operating + tick at due with an expired claim → needsTechnician, still operating',
    from: operating(PROD, { claim: { ...CLAIM, notAfter: T0 + 100 * DAY } }),
    event: ev('tick', NOW),
    to: { phase: 'needsTechnician', mode: 'renewal', current: PROD },
    actions: [
      'persist',
      'report:renewalStarted',
      'report:needsTechnician',
      `scheduleTick:${NOW + HOUR}`,
    ],
  },
  // ── renewing ─────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'renewing/generatingKey + keyGenerated → connectingClaim',
    from: renewing({ name: 'generatingKey', slot: 'production-1', deadline: NOW }),
    event: ev('keyGenerated', NOW, { slot: 'production-1' }),
    to: {
      phase: 'renewing',
      step: { name: 'connectingClaim', slot: 'production-1', deadline: DEADLINE, issued: null },
    },
    actions: ['persist', 'connectClaim:production-1', `scheduleTick:${DEADLINE}`],
  },
  {
    name: 'renewing/generatingKey + keyGenerated for another slot → ignored',
    from: renewing({ name: 'generatingKey', slot: 'production-1', deadline: NOW }),
    event: ev('keyGenerated', NOW, { slot: 'production-9' }),
    to: { phase: 'renewing', step: { name: 'generatingKey' } },
    actions: [],
  },
  {
    name: 'renewing/connectingClaim + claimConnected → requestingCertificate',
    from: renewing({ name: 'connectingClaim', slot: 'production-1', deadline: NOW, issued: null }),
    event: ev('claimConnected', NOW, { slot: 'production-1' }),
    to: { step: { name: 'requestingCertificate', slot: 'production-1', deadline: DEADLINE } },
    actions: ['persist', 'requestCertificate:production-1:csr', `scheduleTick:${DEADLINE}`],
  },
  {
    name: 'renewing/requestingCertificate + certificateIssued → registeringThing (token valid 1 h)',
    from: renewing({ name: 'requestingCertificate', slot: 'production-1', deadline: NOW }),
    event: ev('certificateIssued', NOW, {
      slot: 'production-1',
      certificateId: NEW.certificateId,
      certificateOwnershipToken: 'tok',
      notBefore: NEW.notBefore,
      notAfter: NEW.notAfter,
    }),
    to: {
      step: { name: 'registeringThing', slot: 'production-1', deadline: DEADLINE, issued: ISSUED },
    },
    actions: ['persist', 'registerThing:production-1:tok', `scheduleTick:${DEADLINE}`],
  },
  {
    name: 'renewing/requestingCertificate + certificateIssued with notBefore >= notAfter → backoff',
    from: renewing({ name: 'requestingCertificate', slot: 'production-1', deadline: NOW }),
    event: ev('certificateIssued', NOW, {
      slot: 'production-1',
      certificateId: NEW.certificateId,
      certificateOwnershipToken: 'tok',
      notBefore: NOW,
      notAfter: NOW,
    }),
    to: { phase: 'backoff', lastFailure: { operation: 'requestCertificate', reason: 'rejected' } },
    actions: [
      'persist',
      'disconnectClaim',
      'deleteSlot:production-1:abandoned',
      'report:attemptFailed',
      `scheduleTick:${R}`,
    ],
  },
  {
    name: 'renewing/registeringThing + thingRegistered → switching (claim closed, production re-opened with the new certificate)',
    from: renewing({
      name: 'registeringThing',
      slot: 'production-1',
      deadline: NOW,
      issued: ISSUED,
    }),
    event: ev('thingRegistered', NOW, { slot: 'production-1' }),
    to: { step: { name: 'switching', next: NEW, deadline: DEADLINE } },
    actions: [
      'persist',
      'disconnectClaim',
      'connectProduction:production-1',
      `scheduleTick:${DEADLINE}`,
    ],
  },
  {
    name: 'renewing/switching + productionConnected (new) → committing, naming the old certificate',
    from: renewing({ name: 'switching', next: NEW, deadline: NOW }),
    event: ev('productionConnected', NOW, { slot: 'production-1' }),
    to: { step: { name: 'committing', next: NEW, deadline: DEADLINE } },
    actions: ['persist', 'publishCommit:production-1:old=0001', `scheduleTick:${DEADLINE}`],
  },
  {
    name: 'renewing/switching + productionConnected (old, late) → ignored',
    from: renewing({ name: 'switching', next: NEW, deadline: NOW }),
    event: ev('productionConnected', NOW, { slot: 'production-0' }),
    to: { step: { name: 'switching' } },
    actions: [],
  },
  {
    name: 'renewing/committing + commitAccepted → operating with the new certificate; old deleted; attempts reset',
    from: renewing({ name: 'committing', next: NEW, deadline: NOW }, { attempt: 3 }),
    event: ev('commitAccepted', NOW, { slot: 'production-1' }),
    to: {
      phase: 'operating',
      current: NEW,
      attempt: 0,
      pendingDeletions: [{ slot: 'production-0', kind: 'retired' }],
    },
    actions: [
      'persist',
      'deleteSlot:production-0:retired',
      'report:renewed',
      `scheduleTick:${NEW_DUE}`,
    ],
  },
  {
    name: 'renewing/committing + commitAccepted, new notBefore slightly ahead of our clock → operating (within skew)',
    from: renewing({
      name: 'committing',
      next: { ...NEW, notBefore: NOW + MINUTE },
      deadline: NOW,
    }),
    event: ev('commitAccepted', NOW, { slot: 'production-1' }),
    to: { phase: 'operating', current: { ...NEW, notBefore: NOW + MINUTE } },
    actions: [
      'persist',
      'deleteSlot:production-0:retired',
      'report:renewed',
      `scheduleTick:${renewalDueAt({ ...NEW, notBefore: NOW + MINUTE })}`,
    ],
  },
  {
    name: 'renewing/registeringThing + RegisterThing rejected → backoff, slot dropped, old certificate kept',
    from: renewing({
      name: 'registeringThing',
      slot: 'production-1',
      deadline: NOW,
      issued: ISSUED,
    }),
    event: ev('operationFailed', NOW, {
      operation: 'registerThing',
      slot: 'production-1',
      reason: 'rejected',
      errorCode: 'ACCESS_DENIED',
    }),
    to: {
      phase: 'backoff',
      mode: 'renewal',
      current: PROD,
      attempt: 1,
      resume: { kind: 'startOver' },
      retryAt: R,
      lastFailure: {
        operation: 'registerThing',
        reason: 'rejected',
        errorCode: 'ACCESS_DENIED',
        at: NOW,
      },
      pendingDeletions: [{ slot: 'production-1', kind: 'abandoned' }],
    },
    actions: [
      'persist',
      'disconnectClaim',
      'deleteSlot:production-1:abandoned',
      'report:attemptFailed',
      `scheduleTick:${R}`,
    ],
  },
  {
    name: 'renewing/requestingCertificate + tick at deadline → backoff (timeout)',
    from: renewing({ name: 'requestingCertificate', slot: 'production-1', deadline: NOW }),
    event: ev('tick', NOW),
    to: { phase: 'backoff', lastFailure: { operation: 'requestCertificate', reason: 'timeout' } },
    actions: [
      'persist',
      'disconnectClaim',
      'deleteSlot:production-1:abandoned',
      'report:attemptFailed',
      `scheduleTick:${R}`,
    ],
  },
  {
    name: 'renewing/requestingCertificate + tick before deadline → wait',
    from: renewing({ name: 'requestingCertificate', slot: 'production-1', deadline: DEADLINE }),
    event: ev('tick', NOW),
    to: { phase: 'renewing' },
    actions: [`scheduleTick:${DEADLINE}`],
  },
  {
    name: 'renewing/requestingCertificate + tick with a deadline too far ahead (clock went back) → timeout',
    from: renewing({ name: 'requestingCertificate', slot: 'production-1', deadline: NOW + DAY }),
    event: ev('tick', NOW),
    to: { phase: 'backoff' },
    actions: [
      'persist',
      'disconnectClaim',
      'deleteSlot:production-1:abandoned',
      'report:attemptFailed',
      `scheduleTick:${R}`,
    ],
  },
  {
    name: 'renewing/generatingKey + key generation failed → backoff (no claim connection to close)',
    from: renewing({ name: 'generatingKey', slot: 'production-1', deadline: DEADLINE }),
    event: ev('operationFailed', NOW, {
      operation: 'generateKey',
      slot: 'production-1',
      reason: 'error',
    }),
    to: { phase: 'backoff' },
    actions: [
      'persist',
      'deleteSlot:production-1:abandoned',
      'report:attemptFailed',
      `scheduleTick:${R}`,
    ],
  },
  {
    name: 'renewing/connectingClaim + claim refused → needsTechnician, still operating on the old certificate',
    from: renewing({
      name: 'connectingClaim',
      slot: 'production-1',
      deadline: DEADLINE,
      issued: null,
    }),
    event: ev('operationFailed', NOW, {
      operation: 'connectClaim',
      slot: 'production-1',
      reason: 'notAuthorized',
    }),
    to: {
      phase: 'needsTechnician',
      mode: 'renewal',
      current: PROD,
      retryAt: NOW + HOUR,
      attempt: 1,
    },
    actions: [
      'persist',
      'disconnectClaim',
      'deleteSlot:production-1:abandoned',
      'report:needsTechnician',
      `scheduleTick:${NOW + HOUR}`,
    ],
  },
  {
    name: 'renewing/connectingClaim + claim connection timeout → backoff (network, not the claim)',
    from: renewing({
      name: 'connectingClaim',
      slot: 'production-1',
      deadline: DEADLINE,
      issued: null,
    }),
    event: ev('operationFailed', NOW, {
      operation: 'connectClaim',
      slot: 'production-1',
      reason: 'timeout',
    }),
    to: { phase: 'backoff' },
    actions: [
      'persist',
      'disconnectClaim',
      'deleteSlot:production-1:abandoned',
      'report:attemptFailed',
      `scheduleTick:${R}`,
    ],
  },
  {
    name: 'renewing/switching + new certificate refused → roll back to the old one, drop the new one',
    from: renewing({ name: 'switching', next: NEW, deadline: DEADLINE }),
    event: refused('production-1'),
    to: { phase: 'backoff', mode: 'renewal', current: PROD, resume: { kind: 'startOver' } },
    actions: [
      'persist',
      'connectProduction:production-0',
      'report:rolledBack',
      'deleteSlot:production-1:abandoned',
      'report:attemptFailed',
      `scheduleTick:${R}`,
    ],
  },
  {
    name: 'renewing/switching + tick at deadline → roll back, retry the same new certificate later',
    from: renewing({ name: 'switching', next: NEW, deadline: NOW }),
    event: ev('tick', NOW),
    to: {
      phase: 'backoff',
      resume: { kind: 'switch', next: NEW },
      lastFailure: { operation: 'connectProduction', reason: 'timeout' },
    },
    actions: [
      'persist',
      'connectProduction:production-0',
      'report:rolledBack',
      'report:attemptFailed',
      `scheduleTick:${R}`,
    ],
  },
  {
    name: 'renewing/committing + commit rejected → roll back, retry switch and commit later',
    from: renewing({ name: 'committing', next: NEW, deadline: DEADLINE }),
    event: ev('operationFailed', NOW, {
      operation: 'publishCommit',
      slot: 'production-1',
      reason: 'rejected',
    }),
    to: {
      phase: 'backoff',
      mode: 'renewal',
      current: PROD,
      resume: { kind: 'switch', next: NEW },
      pendingDeletions: [],
    },
    actions: [
      'persist',
      'connectProduction:production-0',
      'report:rolledBack',
      'report:attemptFailed',
      `scheduleTick:${R}`,
    ],
  },
  {
    name: 'renewing/committing + new certificate refused → roll back, drop it',
    from: renewing({ name: 'committing', next: NEW, deadline: DEADLINE }),
    event: refused('production-1'),
    to: { phase: 'backoff', resume: { kind: 'startOver' } },
    actions: [
      'persist',
      'connectProduction:production-0',
      'report:rolledBack',
      'deleteSlot:production-1:abandoned',
      'report:attemptFailed',
      `scheduleTick:${R}`,
    ],
  },
  {
    name: 'renewing/generatingKey + tick at expiry of the old certificate → recovering, same step',
    from: renewing({
      name: 'generatingKey',
      slot: 'production-1',
      deadline: PROD.notAfter + MINUTE,
    }),
    event: ev('tick', PROD.notAfter),
    to: {
      phase: 'recovering',
      current: PROD,
      step: { name: 'generatingKey', slot: 'production-1' },
    },
    actions: [
      'persist',
      'disconnectProduction',
      'report:productionDead',
      `scheduleTick:${PROD.notAfter + MINUTE}`,
    ],
  },
  {
    name: 'renewing/switching + tick at expiry of the old certificate → recovering (production already on the new one)',
    from: renewing({ name: 'switching', next: NEW, deadline: PROD.notAfter + MINUTE }),
    event: ev('tick', PROD.notAfter),
    to: { phase: 'recovering', step: { name: 'switching', next: NEW } },
    actions: ['persist', 'report:productionDead', `scheduleTick:${PROD.notAfter + MINUTE}`],
  },
  {
    name: 'renewing (clock not synchronised) + tick past expiry → no judging',
    from: renewing(
      { name: 'requestingCertificate', slot: 'production-1', deadline: PROD.notAfter + MINUTE },
      { clockSynchronized: false },
    ),
    event: ev('tick', PROD.notAfter + 1),
    to: { phase: 'renewing' },
    actions: [`scheduleTick:${PROD.notAfter + MINUTE}`],
  },
  {
    name: 'renewing + old certificate refused → recovering, same step',
    from: renewing({ name: 'requestingCertificate', slot: 'production-1', deadline: DEADLINE }),
    event: refused('production-0'),
    to: { phase: 'recovering', current: PROD, step: { name: 'requestingCertificate' } },
    actions: ['persist', 'disconnectProduction', 'report:productionDead'],
  },
  {
    name: 'renewing + failure of an operation not in flight → ignored',
    from: renewing({ name: 'requestingCertificate', slot: 'production-1', deadline: DEADLINE }),
    event: ev('operationFailed', NOW, {
      operation: 'registerThing',
      slot: 'production-1',
      reason: 'rejected',
    }),
    to: { phase: 'renewing', step: { name: 'requestingCertificate' } },
    actions: [],
  },
  {
    name: 'renewing/registeringThing + duplicate certificateIssued → ignored',
    from: renewing({
      name: 'registeringThing',
      slot: 'production-1',
      deadline: DEADLINE,
      issued: ISSUED,
    }),
    event: ev('certificateIssued', NOW, {
      slot: 'production-1',
      certificateId: certId(7),
      certificateOwnershipToken: 'x',
      notBefore: NOW,
      notAfter: NOW + YEAR,
    }),
    to: { step: { name: 'registeringThing', issued: ISSUED } },
    actions: [],
  },
  // ── recovering ───────────────────────────────────────────────────────────────────────────────────
  {
    name: 'recovering/switching + productionConnected, no old certificate → operating (nothing to commit)',
    from: recovering({ name: 'switching', next: NEW, deadline: DEADLINE }, { attempt: 4 }, null),
    event: ev('productionConnected', NOW, { slot: 'production-1' }),
    to: { phase: 'operating', current: NEW, attempt: 0, pendingDeletions: [] },
    actions: ['persist', 'report:recovered', `scheduleTick:${NEW_DUE}`],
  },
  {
    name: 'recovering/switching + productionConnected, dead old certificate → committing it',
    from: recovering({ name: 'switching', next: NEW, deadline: NOW }),
    event: ev('productionConnected', NOW, { slot: 'production-1' }),
    to: { phase: 'recovering', step: { name: 'committing', next: NEW, deadline: DEADLINE } },
    actions: ['persist', 'publishCommit:production-1:old=0001', `scheduleTick:${DEADLINE}`],
  },
  {
    name: 'recovering/committing + commitAccepted → operating, old deleted as retired',
    from: recovering({ name: 'committing', next: NEW, deadline: DEADLINE }),
    event: ev('commitAccepted', NOW, { slot: 'production-1' }),
    to: {
      phase: 'operating',
      current: NEW,
      pendingDeletions: [{ slot: 'production-0', kind: 'retired' }],
    },
    actions: [
      'persist',
      'deleteSlot:production-0:retired',
      'report:recovered',
      `scheduleTick:${NEW_DUE}`,
    ],
  },
  {
    name: 'recovering/committing + commit rejected → operating anyway (new one connects, old one is dead)',
    from: recovering({ name: 'committing', next: NEW, deadline: DEADLINE }),
    event: ev('operationFailed', NOW, {
      operation: 'publishCommit',
      slot: 'production-1',
      reason: 'rejected',
    }),
    to: {
      phase: 'operating',
      current: NEW,
      pendingDeletions: [{ slot: 'production-0', kind: 'dead' }],
    },
    actions: [
      'persist',
      'deleteSlot:production-0:dead',
      'report:commitSkipped',
      'report:recovered',
      `scheduleTick:${NEW_DUE}`,
    ],
  },
  {
    name: 'recovering/switching + new certificate refused → backoff, drop it',
    from: recovering({ name: 'switching', next: NEW, deadline: DEADLINE }),
    event: refused('production-1'),
    to: { phase: 'backoff', mode: 'recovery', resume: { kind: 'startOver' } },
    actions: [
      'persist',
      'disconnectProduction',
      'deleteSlot:production-1:abandoned',
      'report:attemptFailed',
      `scheduleTick:${R}`,
    ],
  },
  {
    name: 'recovering/switching + tick at deadline → backoff, keep the new certificate for a retry',
    from: recovering({ name: 'switching', next: NEW, deadline: NOW }),
    event: ev('tick', NOW),
    to: { phase: 'backoff', mode: 'recovery', resume: { kind: 'switch', next: NEW } },
    actions: ['persist', 'disconnectProduction', 'report:attemptFailed', `scheduleTick:${R}`],
  },
  {
    name: 'recovering/connectingClaim + claim refused → needsTechnician (offline)',
    from: recovering({
      name: 'connectingClaim',
      slot: 'production-1',
      deadline: DEADLINE,
      issued: null,
    }),
    event: ev('operationFailed', NOW, {
      operation: 'connectClaim',
      slot: 'production-1',
      reason: 'notAuthorized',
    }),
    to: { phase: 'needsTechnician', mode: 'recovery', current: PROD },
    actions: [
      'persist',
      'disconnectClaim',
      'deleteSlot:production-1:abandoned',
      'report:needsTechnician',
      `scheduleTick:${NOW + HOUR}`,
    ],
  },
  {
    name: 'recovering + old certificate refused again → ignored',
    from: recovering({ name: 'requestingCertificate', slot: 'production-1', deadline: DEADLINE }),
    event: refused('production-0'),
    to: { phase: 'recovering' },
    actions: [],
  },
  // ── backoff ──────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'backoff + tick before retryAt → wait',
    from: backoff(),
    event: ev('tick', R - 1),
    to: { phase: 'backoff' },
    actions: [`scheduleTick:${R}`],
  },
  {
    name: 'backoff (startOver) + tick at retryAt → renewing in a fresh slot; attempt count kept',
    from: backoff(),
    event: ev('tick', R),
    to: {
      phase: 'renewing',
      attempt: 1,
      nextSlot: 3,
      step: { name: 'generatingKey', slot: 'production-2' },
    },
    actions: ['persist', 'generateKey:production-2', `scheduleTick:${R + STEP}`],
  },
  {
    name: 'backoff (switch) + tick at retryAt → switching to the kept certificate again',
    from: backoff({ resume: { kind: 'switch', next: NEW } }),
    event: ev('tick', R),
    to: { phase: 'renewing', step: { name: 'switching', next: NEW, deadline: R + STEP } },
    actions: ['persist', 'connectProduction:production-1', `scheduleTick:${R + STEP}`],
  },
  {
    name: 'backoff (renewal) + tick at expiry of the old certificate → recovering at once',
    from: backoff({ retryAt: PROD.notAfter + HOUR }),
    event: ev('tick', PROD.notAfter),
    to: {
      phase: 'recovering',
      current: PROD,
      step: { name: 'generatingKey', slot: 'production-2' },
    },
    actions: [
      'persist',
      'disconnectProduction',
      'report:productionDead',
      'generateKey:production-2',
      `scheduleTick:${PROD.notAfter + STEP}`,
    ],
  },
  {
    name: 'backoff (renewal) + old certificate refused → recovering at once',
    from: backoff(),
    event: refused('production-0'),
    to: { phase: 'recovering', current: PROD },
    actions: [
      'persist',
      'disconnectProduction',
      'report:productionDead',
      'generateKey:production-2',
      `scheduleTick:${DEADLINE}`,
    ],
  },
  {
    name: 'backoff + tick with retryAt beyond the ceiling (clock went back) → retry now',
    from: backoff(),
    event: ev('tick', R - 2 * HOUR),
    to: { phase: 'renewing' },
    actions: ['persist', 'generateKey:production-2', `scheduleTick:${R - 2 * HOUR + STEP}`],
  },
  {
    name: 'backoff (recovery) + tick at retryAt → recovering',
    from: backoff({ mode: 'recovery', current: null }),
    event: ev('tick', R),
    to: { phase: 'recovering', current: null },
    actions: ['persist', 'generateKey:production-2', `scheduleTick:${R + STEP}`],
  },
  {
    name: 'backoff + slotDeleted → pending deletion forgotten',
    from: backoff({ pendingDeletions: [{ slot: 'production-1', kind: 'abandoned' }] }),
    event: ev('slotDeleted', NOW, { slot: 'production-1' }),
    to: { phase: 'backoff', pendingDeletions: [] },
    actions: ['persist'],
  },
  {
    name: 'backoff + failed deletion → stays pending (re-issued on restart)',
    from: backoff({ pendingDeletions: [{ slot: 'production-1', kind: 'abandoned' }] }),
    event: ev('operationFailed', NOW, {
      operation: 'deleteSlot',
      slot: 'production-1',
      reason: 'error',
    }),
    to: { pendingDeletions: [{ slot: 'production-1', kind: 'abandoned' }] },
    actions: [],
  },
  // ── needsTechnician ──────────────────────────────────────────────────────────────────────────────
  {
    name: 'needsTechnician + tick before retryAt → wait',
    from: technician(),
    event: ev('tick', NOW + HOUR - 1),
    to: { phase: 'needsTechnician' },
    actions: [`scheduleTick:${NOW + HOUR}`],
  },
  {
    name: 'needsTechnician + tick at retryAt → try the claim again',
    from: technician(),
    event: ev('tick', NOW + HOUR),
    to: { phase: 'renewing', step: { name: 'generatingKey', slot: 'production-2' } },
    actions: ['persist', 'generateKey:production-2', `scheduleTick:${NOW + HOUR + STEP}`],
  },
  {
    name: 'needsTechnician (renewal) + tick at expiry of the old certificate → recovering',
    from: technician({ retryAt: PROD.notAfter + HOUR }),
    event: ev('tick', PROD.notAfter),
    to: { phase: 'recovering', current: PROD },
    actions: [
      'persist',
      'disconnectProduction',
      'report:productionDead',
      'generateKey:production-2',
      `scheduleTick:${PROD.notAfter + STEP}`,
    ],
  },
  {
    name: 'needsTechnician (recovery) + tick before retryAt → wait, nothing deleted',
    from: technician({ mode: 'recovery' }),
    event: ev('tick', NOW),
    to: { phase: 'needsTechnician', current: PROD },
    actions: [`scheduleTick:${NOW + HOUR}`],
  },
  // ── any ──────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'slotDeleted for a slot not pending → ignored',
    from: operating(),
    event: ev('slotDeleted', NOW, { slot: 'production-5' }),
    to: { phase: 'operating' },
    actions: [],
  },
];

describe('transition (state × event table)', () => {
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const result = transition(row.from, row.event, row.config ?? DEFAULT_ROTATION_CONFIG);
    expect(result.state).toMatchObject(row.to);
    expect(summarize(result.actions)).toEqual(row.actions);
    // Every state the machine produces survives the JSON round trip through the schema.
    expect(roundTrip(result.state)).toEqual(result.state);
    // The claim certificate and the production credential in use are never deleted.
    const inUse = [CLAIM.slot, result.state.current?.slot];
    for (const action of result.actions) {
      if (action.type === 'deleteSlot') expect(inUse).not.toContain(action.slot);
    }
  });

  it('returns the same state object and no actions for an event it has no use for', () => {
    const state = operating();
    const result = transition(state, ev('claimConnected', NOW, { slot: 'production-1' }));
    expect(result.state).toBe(state);
    expect(result.actions).toEqual([]);
  });

  it('rejects a malformed event, naming what was expected', () => {
    const bad = { type: 'tick', now: -5, random: 0.5 } as RotationEvent;
    expect(() => transition(operating(), bad)).toThrow(RotationError);
    expect(() => transition(operating(), bad)).toThrow(
      'Invalid rotation event: at "now": Too small: expected number to be >=0',
    );
    expect(() => transition(operating(), { type: 'tick', now: NOW, random: 1 })).toThrow(
      /at "random"/,
    );
    expect(() =>
      transition(operating(), { type: 'explode', now: NOW, random: 0 } as never),
    ).toThrow(/at "type": Invalid discriminator value/);
  });

  it('uses the event random for jitter', () => {
    const from = renewing({ name: 'requestingCertificate', slot: 'production-1', deadline: NOW });
    const low = transition(from, ev('tick', NOW, { random: 0 })).state;
    const high = transition(from, ev('tick', NOW, { random: 0.999 })).state;
    expect(low).toMatchObject({ phase: 'backoff', retryAt: NOW + 5_000 });
    expect(high).toMatchObject({ phase: 'backoff', retryAt: NOW + 9_995 });
  });

  it('covers every phase in the table', () => {
    const phases = new Set(rows.map((row) => row.from.phase));
    expect([...phases].sort()).toEqual(
      [
        'backoff',
        'booting',
        'clockUntrusted',
        'needsTechnician',
        'operating',
        'recovering',
        'renewing',
      ].sort(),
    );
  });
});
