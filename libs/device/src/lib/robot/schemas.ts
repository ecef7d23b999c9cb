import { AmrStateSchema, JsonObjectSchema, RequestIdSchema } from '@iot-gateway-net/topics';
import { z } from 'zod';

// What the robot runtime reads from and hands to a robot adapter. Commands arrive as
// `AmrCommand` payloads on `amr/<thing>/cmd/<name>` (design 3.4); these schemas define the
// documented command set and its `args`.

/** What a connected robot can be doing: every `AmrState` except `offline` (the Will's alone). */
export const RobotStateSchema = AmrStateSchema.exclude(['offline']);

/** What a connected robot can be doing. */
export type RobotState = z.infer<typeof RobotStateSchema>;

/** Map position in metres; `theta` is the heading in radians. */
export const RobotPositionSchema = z.object({
  x: z.number(),
  y: z.number(),
  theta: z.number(),
});

/** Map position in metres and heading in radians. */
export type RobotPosition = z.infer<typeof RobotPositionSchema>;

/**
 * What the runtime publishes about a robot (status, shadow `reported`). `settings` holds the
 * current value of every setting an operator may change through the shadow's `desired` state,
 * under the same keys, so reporting them clears the shadow's delta.
 */
export const RobotSnapshotSchema = z.object({
  state: RobotStateSchema,
  /** Charge in percent. */
  battery: z.number().min(0).max(100),
  position: RobotPositionSchema,
  /** Current mission id, `null` when there is none. */
  mission: z.string().nullable(),
  settings: JsonObjectSchema,
});

/** What the runtime publishes about a robot. */
export type RobotSnapshot = z.infer<typeof RobotSnapshotSchema>;

/** The documented command set: the last level of `amr/<thing>/cmd/<name>`. */
export const ROBOT_COMMAND_NAMES = ['call', 'stop', 'charge', 'resume'] as const;

/** A command of the documented set. */
export type RobotCommandName = (typeof ROBOT_COMMAND_NAMES)[number];

/**
 * `args` of `call` (design 3.4, "come here"): a named station of the robot's map, or a map
 * position in metres (`theta` optional, radians).
 */
export const CallArgsSchema = z.union([
  z.strictObject({ station: z.string().min(1).max(64) }),
  z.strictObject({ x: z.number(), y: z.number(), theta: z.number().optional() }),
]);

/** `args` of `call`. */
export type CallArgs = z.infer<typeof CallArgsSchema>;

/** `args` of commands that take none: absent or `{}` (unknown keys are refused, not ignored). */
const NoArgsSchema = z.strictObject({}).optional();

/**
 * A command as the runtime hands it to a robot adapter, after the payload and its `args` were
 * validated. `requestId` comes from the `AmrCommand` payload; adapters may use it as mission id.
 */
export const RobotCommandSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('call'), requestId: RequestIdSchema, args: CallArgsSchema }),
  z.object({ name: z.literal('stop'), requestId: RequestIdSchema, args: NoArgsSchema }),
  z.object({ name: z.literal('charge'), requestId: RequestIdSchema, args: NoArgsSchema }),
  z.object({ name: z.literal('resume'), requestId: RequestIdSchema, args: NoArgsSchema }),
]);

/** A validated command of the documented set. */
export type RobotCommand = z.infer<typeof RobotCommandSchema>;

/**
 * The settings the simulated robot accepts in the shadow's `desired` state:
 * `speedLimit` (m/s, 0.1–2), `mode` (`auto`, or `maintenance`: it stops and refuses missions) and
 * `lowBatteryThreshold` (percent, integer 5–50: below it an idle robot goes to charge by itself
 * and `call` is refused).
 */
export const SimulatedRobotSettingsSchema = z.strictObject({
  speedLimit: z.number().min(0.1).max(2),
  mode: z.enum(['auto', 'maintenance']),
  lowBatteryThreshold: z.number().int().min(5).max(50),
});

/** Settings of the simulated robot. */
export type SimulatedRobotSettings = z.infer<typeof SimulatedRobotSettingsSchema>;

const PointSchema = z.object({ x: z.number(), y: z.number() });

/** The map of the simulated robot when none is given: a charger and three stations, 8–10 m apart. */
export const DEFAULT_SIMULATED_STATIONS: Readonly<Record<string, { x: number; y: number }>> = {
  charger: { x: 0, y: 0 },
  'station-a': { x: 10, y: 0 },
  'station-b': { x: 10, y: 8 },
  'station-c': { x: 0, y: 8 },
};

/** Defaults of the simulated robot's settings (shadow `desired` keys). */
export const DEFAULT_SIMULATED_SETTINGS: SimulatedRobotSettings = {
  speedLimit: 1,
  mode: 'auto',
  lowBatteryThreshold: 20,
};

/**
 * The data options of `createSimulatedRobot` (the clock, random source and ticker come beside
 * them). Rates are in percent of battery.
 */
export const SimulatedRobotConfigSchema = z
  .object({
    /** Named points of the map. Defaults to {@link DEFAULT_SIMULATED_STATIONS}. */
    stations: z
      .record(z.string().min(1).max(64), PointSchema)
      .default(() => ({ ...DEFAULT_SIMULATED_STATIONS })),
    /** Station where the robot charges. Defaults to `'charger'`. */
    chargerStation: z.string().min(1).default('charger'),
    /** Station the robot starts at. Defaults to a random one. */
    startStation: z.string().min(1).optional(),
    /** Charge at start, percent. Defaults to a random value from 60 to 100. */
    battery: z.number().min(0).max(100).optional(),
    /** Initial settings; missing keys take {@link DEFAULT_SIMULATED_SETTINGS}. */
    settings: SimulatedRobotSettingsSchema.partial().default({}),
    /** Drives to a random station after each pause when idle. Defaults to `false`. */
    patrol: z.boolean().default(false),
    /** Pause between patrol trips, chosen at random in `[min, max]` ms. Defaults to 10–30 s. */
    patrolPauseMs: z
      .tuple([z.number().min(0), z.number().min(0)])
      .refine(([min, max]) => min <= max, { error: 'Expected min <= max' })
      .default([10_000, 30_000]),
    /** Battery used per metre driven. Defaults to `0.2`. */
    drainPerMetre: z.number().min(0).default(0.2),
    /** Battery used per second when not driving or charging. Defaults to `0.01`. */
    idleDrainPerSecond: z.number().min(0).default(0.01),
    /** Battery gained per second on the charger. Defaults to `1`. */
    chargePerSecond: z.number().positive().default(1),
  })
  .refine((config) => config.chargerStation in config.stations, {
    error: 'Expected chargerStation to name one of stations',
    path: ['chargerStation'],
  })
  .refine((config) => config.startStation === undefined || config.startStation in config.stations, {
    error: 'Expected startStation to name one of stations',
    path: ['startStation'],
  });

/** The data options of `createSimulatedRobot`. */
export type SimulatedRobotConfig = z.input<typeof SimulatedRobotConfigSchema>;
