import type { DeviceConfig } from '../config/schemas.js';
import { startDevice, type DeviceHandle, type StartDeviceOptions } from '../daemon/startDevice.js';
import { createFleetTicker } from '../fleet/createFleetTicker.js';
import { createSimulatedAmr } from '../fleet/createSimulatedAmr.js';
import type { SimulatedRobot } from '../robot/createSimulatedRobot.js';
import { createConsoleLogger } from '../log/createConsoleLogger.js';
import type { DeviceClock, DeviceLogger, RobotRuntime } from '../runtime/types.js';

/** One simulated AMR of a running fleet. */
export interface SimulatedFleetMember {
  readonly serialNumber: string;
  readonly device: DeviceHandle;
  readonly robot: SimulatedRobot;
}

/** Options of {@link startSimulatedFleet}. */
export interface SimulatedFleetOptions {
  /** One validated configuration per robot (each with its own claim credential and state dir). */
  readonly configs: readonly DeviceConfig[];
  /** Defaults to `Date.now`. */
  readonly clock?: DeviceClock;
  /**
   * The logger of one robot. Defaults to a console logger on standard error whose lines start
   * with `[<serial>]`, at the config's log level.
   */
  readonly logFor?: (config: DeviceConfig) => DeviceLogger;
  /**
   * How many robots start at once. Starting is cheap (connections open in the background), so
   * this only bounds the burst of file reads. Defaults to `50`.
   */
  readonly startConcurrency?: number;
  /** Passed to every `startDevice` (system probes, timer clamp). */
  readonly deviceOptions?: Pick<StartDeviceOptions, 'probes' | 'timerClampMs'>;
}

/** A running simulated fleet. */
export interface SimulatedFleet {
  readonly members: readonly SimulatedFleetMember[];
  /** Stops every robot gracefully (retained offline status, connections ended), then the ticker. */
  stop(): Promise<void>;
}

/**
 * The daemon's simulator mode (issue 5 item 5): N simulated AMRs in one process, each with its
 * own identity (claim credential, production credentials, rotation state) and its own robot state,
 * sharing one ticker for the robots' motion. Each robot runs exactly the code a real robot runs
 * (`startDevice` + the robot runtime); only the robot adapter is simulated. A robot that fails to
 * start (unreadable claim credential, bad config) stops the whole start and the robots already
 * started are stopped again, so a fleet is all or nothing.
 *
 * @throws {DeviceError} as `startDevice` does, naming the serial number.
 */
export async function startSimulatedFleet(options: SimulatedFleetOptions): Promise<SimulatedFleet> {
  const clock = options.clock ?? { now: () => Date.now() };
  // Spread over 20 slots (every 50 ms): robots that tick independently, as a real fleet's do.
  const ticker = createFleetTicker({ slots: 20 });
  const members: (SimulatedFleetMember & { runtime: RobotRuntime })[] = [];
  const stopAll = async (): Promise<void> => {
    await Promise.allSettled(members.map((member) => member.device.stop()));
    // The runtime stays the caller's after startDevice; closing it also closes the robot.
    await Promise.allSettled(members.map((member) => member.runtime.close()));
    ticker.close();
  };
  const concurrency = Math.max(1, options.startConcurrency ?? 50);
  try {
    for (let index = 0; index < options.configs.length; index += concurrency) {
      const batch = options.configs.slice(index, index + concurrency);
      const started = await Promise.allSettled(
        batch.map(async (config, offset) => {
          const log = options.logFor?.(config) ?? prefixedConsoleLogger(config, clock);
          const amr = createSimulatedAmr({
            ticker,
            clock,
            log,
            seed: index + offset + 1,
            runtime: { heartbeatIntervalMs: config.heartbeatIntervalMs },
          });
          try {
            const device = await startDevice({
              config,
              runtime: amr.runtime,
              clock,
              log,
              ...options.deviceOptions,
            });
            return {
              serialNumber: config.serialNumber,
              device,
              robot: amr.robot,
              runtime: amr.runtime,
            };
          } catch (error) {
            await amr.runtime.close();
            throw error;
          }
        }),
      );
      for (const result of started) if (result.status === 'fulfilled') members.push(result.value);
      const failed = started.find((result) => result.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return { members, stop: () => (stopping ??= stopAll()) };
}

function prefixedConsoleLogger(config: DeviceConfig, clock: DeviceClock): DeviceLogger {
  return createConsoleLogger({
    level: config.logLevel,
    now: () => clock.now(),
    write: (line) => process.stderr.write(`[${config.serialNumber}] ${line}\n`),
  });
}
