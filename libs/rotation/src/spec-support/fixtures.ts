// Helpers shared by the specs of this lib only (excluded from the build).
import { DEFAULT_ROTATION_CONFIG, type RotationConfig } from '../lib/config/schemas.js';
import { type Credential } from '../lib/credential/schemas.js';
import { type RotationAction } from '../lib/action/schemas.js';
import { type RotationEvent } from '../lib/event/schemas.js';
import { transition } from '../lib/machine/transition.js';
import { type TransitionResult } from '../lib/machine/types.js';
import {
  type RotationCommon,
  type RotationState,
  type RotationStep,
} from '../lib/state/schemas.js';
import { deserializeRotationState } from '../lib/state/deserializeRotationState.js';
import { serializeRotationState } from '../lib/state/serializeRotationState.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const YEAR = 365 * DAY;

/** 2026-01-01T00:00:00Z: after the default build time. */
export const T0 = Date.UTC(2026, 0, 1);

/** A certificate id (64 hex chars) derived from a small number. */
export function certId(n: number): string {
  return n.toString(16).padStart(64, '0');
}

export const CLAIM: Credential = {
  certificateId: certId(0xc1a1),
  notBefore: Date.UTC(2025, 0, 1),
  notAfter: Date.UTC(2045, 0, 1),
  slot: 'claim',
};

/** The factory production certificate: one year from T0, slot production-0. */
export const PROD: Credential = {
  certificateId: certId(1),
  notBefore: T0,
  notAfter: T0 + YEAR,
  slot: 'production-0',
};

/** A certificate issued at `notBefore` for one year in slot `production-<n>`. */
export function cert(n: number, notBefore: number, lifetime = YEAR): Credential {
  return {
    certificateId: certId(100 + n),
    notBefore,
    notAfter: notBefore + lifetime,
    slot: `production-${n}`,
  };
}

/** Renewal due time of PROD under the default config (30 days before expiry). */
export const PROD_DUE = PROD.notAfter - 30 * DAY;

type EventOf<T extends RotationEvent['type']> = Extract<RotationEvent, { type: T }>;
type Payload<T extends RotationEvent['type']> = Omit<EventOf<T>, 'type' | 'now' | 'random'>;

/** Builds an event; `random` defaults to 0.5. */
export function ev<T extends RotationEvent['type']>(
  type: T,
  now: number,
  ...payload: keyof Payload<T> extends never
    ? [extra?: { random?: number }]
    : [Payload<T> & { random?: number }]
): RotationEvent {
  const extra = payload[0] ?? {};
  return { random: 0.5, ...extra, type, now } as unknown as RotationEvent;
}

/** The fields every phase carries, for a robot with CLAIM and nothing pending. */
export function common(overrides: Partial<RotationCommon> = {}): RotationCommon {
  return {
    version: 1,
    claim: CLAIM,
    attempt: 0,
    nextSlot: 1,
    pendingDeletions: [],
    clockSynchronized: true,
    ...overrides,
  };
}

export function operating(
  current: Credential = PROD,
  overrides: Partial<RotationCommon> = {},
): RotationState {
  return { ...common(overrides), phase: 'operating', current };
}

export function renewing(
  step: RotationStep,
  overrides: Partial<RotationCommon> = {},
  current = PROD,
): RotationState {
  return { ...common({ nextSlot: 2, ...overrides }), phase: 'renewing', current, step };
}

export function recovering(
  step: RotationStep,
  overrides: Partial<RotationCommon> = {},
  current: Credential | null = PROD,
): RotationState {
  return { ...common({ nextSlot: 2, ...overrides }), phase: 'recovering', current, step };
}

/** A compact, exact rendering of actions for table assertions. */
export function summarize(actions: readonly RotationAction[]): string[] {
  return actions.map((a) => {
    switch (a.type) {
      case 'persist':
      case 'disconnectProduction':
      case 'disconnectClaim':
        return a.type;
      case 'connectProduction':
      case 'generateKey':
        return `${a.type}:${a.slot}`;
      case 'connectClaim':
        return `connectClaim:${a.slot}`;
      case 'requestCertificate':
        return `requestCertificate:${a.slot}:${a.method}`;
      case 'registerThing':
        return `registerThing:${a.slot}:${a.certificateOwnershipToken}`;
      case 'publishCommit':
        return `publishCommit:${a.slot}:old=${a.oldCertificateId.slice(-4)}`;
      case 'deleteSlot':
        return `deleteSlot:${a.slot}:${a.kind}`;
      case 'scheduleTick':
        return `scheduleTick:${a.at === null ? 'null' : a.at}`;
      case 'report':
        return `report:${a.code}`;
    }
  });
}

/** Serialises to JSON text and reads it back through the schema, as the daemon does on restart. */
export function roundTrip(state: RotationState): RotationState {
  return deserializeRotationState(serializeRotationState(state));
}

/** Feeds events in order, returning every intermediate result. */
export function run(
  state: RotationState,
  events: readonly RotationEvent[],
  config: RotationConfig = DEFAULT_ROTATION_CONFIG,
): TransitionResult[] {
  const results: TransitionResult[] = [];
  let s = state;
  for (const e of events) {
    const r = transition(s, e, config);
    results.push(r);
    s = r.state;
  }
  return results;
}

/** A seeded PRNG (mulberry32) returning numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
