import type { JsonObject } from '@iot-gateway-net/topics';
import type { RobotCommand, RobotSnapshot } from './schemas.js';

/** How a command the robot accepted ended: `ok`, or failed with a reason for the operator. */
export type CommandOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string };

/**
 * A robot's immediate answer to a command. Rejected: nothing happened, `reason` says why (it is
 * sent to the operator). Accepted: the robot started it; `completion` settles when it ends (a
 * rejected promise counts as a failure with the error's message).
 */
export type CommandDecision =
  | { readonly accepted: false; readonly reason: string }
  | { readonly accepted: true; readonly completion: Promise<CommandOutcome> };

/**
 * What a robot made of a shadow `desired` change. Every key it applied now appears in
 * `snapshot().settings` with the desired value; `rejected` maps each key it did not apply
 * (unknown setting, invalid value) to the reason.
 */
export interface DesiredResult {
  readonly rejected: Readonly<Record<string, string>>;
}

/**
 * What the robot runtime needs from a robot: implement it once per kind of hardware (ROS bridge,
 * vendor SDK, PLC) and hand it to `createRobotRuntime`. The runtime does all the MQTT, shadow
 * and acknowledgement work; the adapter only knows the robot. No method may block for long: the
 * runtime calls them from the MQTT client's message handler.
 */
export interface RobotAdapter {
  /** The robot's current state. Called often: keep it cheap (a cached value). */
  snapshot(): RobotSnapshot;
  /**
   * Calls `listener` whenever the snapshot changes (the runtime rate-limits what it publishes,
   * so calling it on every small move is fine). Returns the function that removes the listener.
   */
  onChange(listener: (snapshot: RobotSnapshot) => void): () => void;
  /**
   * Validates a command against the robot's current situation and answers at once: rejected
   * (with the reason) or accepted (with a promise of how it ends).
   */
  execute(command: RobotCommand): CommandDecision | Promise<CommandDecision>;
  /**
   * Applies the keys of a shadow delta (`desired` values that differ from `reported`). Keys it
   * cannot apply go into `rejected`; the runtime then removes them from `desired` so the delta
   * clears instead of being sent again.
   */
  applyDesired(desired: JsonObject): DesiredResult | Promise<DesiredResult>;
  /** Releases the robot (timers, bridges). The runtime calls it from its own `close`. */
  close(): void | Promise<void>;
}
