import { z } from 'zod';

/** Name of the robot's named shadow: `$aws/things/<thing>/shadow/name/robot/...` (design 3.4). */
export const ROBOT_SHADOW_NAME = 'robot';

/**
 * The numeric options of `createRobotRuntime`, with their defaults. The rate limits keep one
 * robot at about 0.5 publishes per second in steady state, far below AWS IoT Core's 100
 * publishes/s per connection, so a fleet of 1,000 stays within the account's limits too
 * (AWS IoT Core quotas, "Message broker and protocol limits and quotas").
 */
export const RobotRuntimeConfigSchema = z.object({
  /** Heartbeat period (design 3.4: 10 s; the UI treats 25 s of silence as loss). */
  heartbeatIntervalMs: z.number().int().positive().default(10_000),
  /** Least time between two status publishes caused only by battery or position changes. */
  statusMinIntervalMs: z.number().int().min(0).default(5_000),
  /** Least time between two shadow reports caused only by battery or position changes. */
  shadowReportMinIntervalMs: z.number().int().min(0).default(30_000),
  /** Least time between two publishes of the same kind, even for state or mission changes. */
  urgentMinIntervalMs: z.number().int().min(0).default(200),
  /** How long `detach({ final: true })` waits for the broker to acknowledge the offline status. */
  detachTimeoutMs: z.number().int().positive().default(5_000),
  /** Command payloads larger than this are rejected without being parsed for their args. */
  maxCommandBytes: z.number().int().positive().default(16_384),
  /** Shadow delta payloads larger than this are ignored (AWS keeps documents within 8 KiB). */
  maxDeltaBytes: z.number().int().positive().default(16_384),
  /**
   * Commands issued longer ago than this (by the robot's clock) are rejected as expired. Off by
   * default, because a robot whose clock is not yet trustworthy would reject everything.
   */
  commandMaxAgeMs: z.number().int().positive().optional(),
});

/** The numeric options of `createRobotRuntime`. */
export type RobotRuntimeConfig = z.input<typeof RobotRuntimeConfigSchema>;
