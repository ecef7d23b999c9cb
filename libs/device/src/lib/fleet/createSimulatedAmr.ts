import {
  createSimulatedRobot,
  type SimulatedRobot,
  type SimulatedRobotOptions,
} from '../robot/createSimulatedRobot.js';
import { createRobotRuntime, type RobotRuntimeOptions } from '../runtime/createRobotRuntime.js';
import type { DeviceClock, DeviceLogger, RobotRuntime } from '../runtime/types.js';
import { createSeededRandom } from './createSeededRandom.js';
import type { FleetTicker } from './createFleetTicker.js';

/** Options of {@link createSimulatedAmr}. */
export interface SimulatedAmrOptions {
  /** The fleet's shared ticker (one timer for all robots). */
  ticker: FleetTicker;
  clock: DeviceClock;
  log: DeviceLogger;
  /** Seed of this robot's random source, e.g. its index in the fleet. Defaults to `1`. */
  seed?: number;
  /** Options of the simulated robot (map, battery, patrol...). Defaults to patrolling. */
  robot?: Omit<SimulatedRobotOptions, 'clock' | 'random' | 'ticker'>;
  /** Numeric options of the runtime (heartbeat period, rate limits). */
  runtime?: Omit<RobotRuntimeOptions, 'robot' | 'clock' | 'log' | 'random'>;
}

/** One member of a simulated fleet: hand `runtime` to the identity layer (`startDevice`). */
export interface SimulatedAmr {
  readonly robot: SimulatedRobot;
  readonly runtime: RobotRuntime;
}

/**
 * One simulated AMR for the fleet simulator: a simulated robot stepped by the shared `ticker`
 * and its robot runtime, both driven by a random source seeded with `seed`, so a fleet of N is
 * N calls with seeds 1..N and still costs one timer (plus each runtime's heartbeat timer).
 * `runtime.close()` also closes the robot.
 *
 * @throws {DeviceError} `CONFIG` naming the option when a robot or runtime option is invalid.
 */
export function createSimulatedAmr(options: SimulatedAmrOptions): SimulatedAmr {
  const random = createSeededRandom(options.seed ?? 1);
  const robot = createSimulatedRobot({
    patrol: true,
    ...options.robot,
    clock: options.clock,
    random,
    ticker: options.ticker,
  });
  const runtime = createRobotRuntime({
    ...options.runtime,
    robot,
    clock: options.clock,
    log: options.log,
    random,
  });
  return { robot, runtime };
}
