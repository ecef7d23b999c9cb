import { type RotationAction } from '../action/schemas.js';
import { type Credential } from '../credential/schemas.js';
import { type RotationState } from '../state/schemas.js';

/** What `transition` returns: the next state and the side effects to execute, in order. */
export interface TransitionResult {
  readonly state: RotationState;
  readonly actions: readonly RotationAction[];
}

/**
 * What the robot stands on while a rotation is under way: a working production credential
 * (`renewal`) or none that works (`recovery`: dead or missing).
 */
export type Footing =
  | { readonly mode: 'renewal'; readonly current: Credential }
  | { readonly mode: 'recovery'; readonly current: Credential | null };

/** A state with a step in flight. */
export type InFlightState = Extract<RotationState, { phase: 'renewing' | 'recovering' }>;

/** A state waiting for `retryAt`. */
export type WaitingState = Extract<RotationState, { phase: 'backoff' | 'needsTechnician' }>;
