import type { JsonObject } from '@iot-gateway-net/topics';
import { createFleetTicker, type FleetTicker } from '../fleet/createFleetTicker.js';
import { invalidOption } from '../runtime/invalidOption.js';
import type { DeviceClock } from '../runtime/types.js';
import {
  DEFAULT_SIMULATED_SETTINGS,
  SimulatedRobotConfigSchema,
  SimulatedRobotSettingsSchema,
  type RobotCommand,
  type RobotPosition,
  type RobotSnapshot,
  type RobotState,
  type SimulatedRobotConfig,
  type SimulatedRobotSettings,
} from './schemas.js';
import type { CommandDecision, CommandOutcome, DesiredResult, RobotAdapter } from './types.js';

/** Options of {@link createSimulatedRobot}. */
export type SimulatedRobotOptions = SimulatedRobotConfig & {
  /** Where the simulation reads the time; it advances by the time elapsed between steps. */
  clock: DeviceClock;
  /** Uniform in [0, 1). Defaults to `Math.random`; inject a seeded one for repeatable runs. */
  random?: () => number;
  /**
   * Shared ticker that steps the simulation (one timer for a whole fleet). Defaults to a private
   * ticker of 1 s.
   */
  ticker?: FleetTicker;
};

/** A simulated AMR: a {@link RobotAdapter} plus what tests and the fleet simulator need. */
export interface SimulatedRobot extends RobotAdapter {
  /** Advances the simulation to `clock.now()` (the ticker calls it). */
  step(): void;
  /** Answers at once (the simulated robot never needs to wait). */
  execute(command: RobotCommand): CommandDecision;
  /** Applies at once. */
  applyDesired(desired: JsonObject): DesiredResult;
  close(): void;
  /** The map: station name → position in metres. */
  readonly stations: Readonly<Record<string, { x: number; y: number }>>;
}

type MissionKind = 'call' | 'charge' | 'patrol';

interface Mission {
  readonly id: string;
  readonly kind: MissionKind;
  readonly target: { x: number; y: number; theta?: number };
  settle?: (outcome: CommandOutcome) => void;
}

const SETTING_KEYS = Object.keys(
  SimulatedRobotSettingsSchema.shape,
) as (keyof SimulatedRobotSettings)[];

/**
 * A simulated AMR for demos, tests and the fleet simulator. Driving to a target moves it at
 * `speedLimit` m/s and drains `drainPerMetre`; idling drains slowly; on the charger it charges
 * until full; an idle robot in `auto` mode below `lowBatteryThreshold` drives to the charger by
 * itself; with `patrol` it drives to a random station after each pause. An empty battery while
 * driving puts it in `error` (only `charge` and `stop` are accepted then).
 *
 * Commands: `call` (station or position; mission id = request id; done on arrival), `stop` (always
 * accepted, done at once; a stopped mission fails and can be resumed), `charge` (done when docked
 * and charging), `resume` (continues the stopped mission; done on arrival). Desired settings:
 * see `SimulatedRobotSettingsSchema`.
 *
 * Deterministic: all time comes from `clock`, all chance from `random`; nothing happens between
 * steps, so tests call {@link SimulatedRobot.step} after moving a fake clock.
 *
 * @throws {DeviceError} `CONFIG` naming the option when an option is invalid (unknown station, bad rate).
 */
export function createSimulatedRobot(options: SimulatedRobotOptions): SimulatedRobot {
  const { clock, random = Math.random, ticker: sharedTicker, ...data } = options;
  const parsed = SimulatedRobotConfigSchema.safeParse(data);
  if (!parsed.success) throw invalidOption('simulated robot options', parsed.error);
  const config = parsed.data;
  const stations = config.stations;
  const stationNames = Object.keys(stations);
  const pick = <T>(items: readonly T[]): T =>
    items[Math.min(items.length - 1, Math.floor(random() * items.length))];

  const start = stations[config.startStation ?? pick(stationNames)] ?? { x: 0, y: 0 };
  let state: RobotState = 'idle';
  let battery = config.battery ?? 60 + random() * 40;
  const position: RobotPosition = { x: start.x, y: start.y, theta: 0 };
  const settings: SimulatedRobotSettings = { ...DEFAULT_SIMULATED_SETTINGS, ...config.settings };
  let mission: Mission | undefined;
  let paused: Mission | undefined;
  let lastStepAt = clock.now();
  let nextPatrolAt = lastStepAt;
  let autoMissions = 0;
  let closed = false;
  const listeners = new Set<(snapshot: RobotSnapshot) => void>();

  const buildSnapshot = (): RobotSnapshot => ({
    state,
    battery,
    position: { ...position },
    mission: mission?.id ?? null,
    settings: { ...settings },
  });
  let current = buildSnapshot();

  const emitIfChanged = (): void => {
    const next = buildSnapshot();
    const changed =
      next.state !== current.state ||
      next.battery !== current.battery ||
      next.mission !== current.mission ||
      next.position.x !== current.position.x ||
      next.position.y !== current.position.y ||
      next.position.theta !== current.position.theta ||
      SETTING_KEYS.some((key) => next.settings[key] !== current.settings[key]);
    if (!changed) return;
    current = next;
    for (const listener of [...listeners]) listener(current);
  };

  const schedulePatrol = (now: number): void => {
    const [min, max] = config.patrolPauseMs;
    nextPatrolAt = now + min + random() * (max - min);
  };

  /** Ends the current mission (its command fails with `reason`) and leaves the robot idle. */
  const abortMission = (reason: string): void => {
    mission?.settle?.({ ok: false, reason });
    mission = undefined;
    if (state === 'moving' || state === 'charging') state = 'idle';
  };

  const arrive = (now: number): void => {
    const arrived = mission;
    if (arrived === undefined) return;
    if (arrived.kind === 'charge') {
      state = 'charging';
    } else {
      state = 'idle';
      mission = undefined;
      schedulePatrol(now);
    }
    arrived.settle?.({ ok: true });
    arrived.settle = undefined;
  };

  const startMission = (next: Mission): void => {
    mission = next;
    const distance = Math.hypot(next.target.x - position.x, next.target.y - position.y);
    state = 'moving';
    if (distance === 0) arrive(clock.now());
  };

  const charger = (): { x: number; y: number } => stations[config.chargerStation] ?? { x: 0, y: 0 };

  const drive = (seconds: number, now: number): void => {
    if (mission === undefined) {
      state = 'idle';
      return;
    }
    const { target } = mission;
    const dx = target.x - position.x;
    const dy = target.y - position.y;
    const distance = Math.hypot(dx, dy);
    const travel = settings.speedLimit * seconds;
    const moved = Math.min(travel, distance);
    if (distance > 0) position.theta = Math.atan2(dy, dx);
    battery = Math.max(0, battery - config.drainPerMetre * moved);
    if (travel >= distance) {
      position.x = target.x;
      position.y = target.y;
      if (target.theta !== undefined) position.theta = target.theta;
    } else {
      position.x += (dx / distance) * travel;
      position.y += (dy / distance) * travel;
    }
    // Charge missions go on with an empty battery: someone pushes the robot to the charger.
    if (battery === 0 && travel < distance && mission.kind !== 'charge') {
      abortMission('battery empty');
      state = 'error';
      return;
    }
    if (travel >= distance) arrive(now);
  };

  const decideIdle = (now: number): void => {
    if (settings.mode !== 'auto') return;
    if (battery < settings.lowBatteryThreshold) {
      autoMissions += 1;
      startMission({ id: `charge-${autoMissions}`, kind: 'charge', target: charger() });
      return;
    }
    if (config.patrol && now >= nextPatrolAt) {
      const here = stationNames.filter((name) => {
        const station = stations[name];
        return station !== undefined && (station.x !== position.x || station.y !== position.y);
      });
      const destinations = here.filter((name) => name !== config.chargerStation);
      if (destinations.length === 0) return;
      autoMissions += 1;
      startMission({
        id: `patrol-${autoMissions}`,
        kind: 'patrol',
        target: { ...stations[pick(destinations)] },
      });
    }
  };

  const step = (): void => {
    if (closed) return;
    const now = clock.now();
    const seconds = Math.max(0, now - lastStepAt) / 1_000;
    lastStepAt = now;
    switch (state) {
      case 'moving':
        drive(seconds, now);
        break;
      case 'charging':
        battery = Math.min(100, battery + config.chargePerSecond * seconds);
        if (battery === 100) {
          state = 'idle';
          mission = undefined;
          schedulePatrol(now);
        }
        break;
      case 'idle':
        battery = Math.max(0, battery - config.idleDrainPerSecond * seconds);
        decideIdle(now);
        break;
      case 'error':
        break;
    }
    emitIfChanged();
  };

  const withCompletion = (
    next: Omit<Mission, 'settle'>,
  ): { mission: Mission; completion: Promise<CommandOutcome> } => {
    let settle: (outcome: CommandOutcome) => void = () => undefined;
    const completion = new Promise<CommandOutcome>((resolve) => {
      settle = resolve;
    });
    return { mission: { ...next, settle }, completion };
  };

  const refuseMissionReason = (): string | undefined => {
    if (settings.mode === 'maintenance') return 'robot is in maintenance mode';
    if (state === 'error') return 'robot is in error (battery empty); send charge first';
    if (battery < settings.lowBatteryThreshold) {
      return `battery ${battery.toFixed(1)}% is below lowBatteryThreshold ${settings.lowBatteryThreshold}%`;
    }
    return undefined;
  };

  const accepted = (started: {
    mission: Mission;
    completion: Promise<CommandOutcome>;
  }): CommandDecision => {
    startMission(started.mission);
    emitIfChanged();
    return { accepted: true, completion: started.completion };
  };

  const execute = (command: RobotCommand): CommandDecision => {
    step();
    switch (command.name) {
      case 'stop': {
        if (state === 'moving' && mission !== undefined) {
          paused = { id: mission.id, kind: mission.kind, target: mission.target };
        }
        abortMission(`stopped by stop ${command.requestId}`);
        schedulePatrol(clock.now());
        emitIfChanged();
        return { accepted: true, completion: Promise.resolve({ ok: true }) };
      }
      case 'call': {
        const refused = refuseMissionReason();
        if (refused !== undefined) return { accepted: false, reason: refused };
        const { args } = command;
        let target: Mission['target'];
        if ('station' in args) {
          const station = stations[args.station];
          if (station === undefined) {
            return {
              accepted: false,
              reason: `unknown station ${JSON.stringify(args.station)}, expected one of ${stationNames.join(', ')}`,
            };
          }
          target = { ...station };
        } else {
          target = {
            x: args.x,
            y: args.y,
            ...(args.theta === undefined ? {} : { theta: args.theta }),
          };
        }
        abortMission(`superseded by call ${command.requestId}`);
        paused = undefined;
        return accepted(withCompletion({ id: command.requestId, kind: 'call', target }));
      }
      case 'charge': {
        if (settings.mode === 'maintenance') {
          return { accepted: false, reason: 'robot is in maintenance mode' };
        }
        if (state === 'charging') {
          return { accepted: true, completion: Promise.resolve({ ok: true }) };
        }
        abortMission(`superseded by charge ${command.requestId}`);
        paused = undefined;
        const started = withCompletion({
          id: command.requestId,
          kind: 'charge',
          target: { ...charger() },
        });
        if (state === 'error') state = 'idle';
        return accepted(started);
      }
      case 'resume': {
        if (paused === undefined) {
          return { accepted: false, reason: 'nothing to resume: no mission was stopped' };
        }
        const refused = refuseMissionReason();
        if (refused !== undefined) return { accepted: false, reason: refused };
        const resumed = paused;
        paused = undefined;
        abortMission(`superseded by resume ${command.requestId}`);
        return accepted(
          withCompletion({ id: resumed.id, kind: resumed.kind, target: resumed.target }),
        );
      }
    }
  };

  const applyDesired = (desired: JsonObject): DesiredResult => {
    step();
    const rejected: Record<string, string> = {};
    for (const [key, value] of Object.entries(desired)) {
      if (!(SETTING_KEYS as string[]).includes(key)) {
        rejected[key] =
          `unknown setting ${JSON.stringify(key)}, expected one of ${SETTING_KEYS.join(', ')}`;
        continue;
      }
      const setting = key as keyof SimulatedRobotSettings;
      const result = SimulatedRobotSettingsSchema.shape[setting].safeParse(value);
      if (!result.success) {
        rejected[key] =
          `invalid ${key} ${JSON.stringify(value)}: ${result.error.issues.map((issue) => issue.message).join('; ')}`;
        continue;
      }
      Object.assign(settings, { [setting]: result.data });
    }
    if (settings.mode === 'maintenance' && state === 'moving') {
      if (mission !== undefined)
        paused = { id: mission.id, kind: mission.kind, target: mission.target };
      abortMission('robot switched to maintenance mode');
    }
    emitIfChanged();
    return { rejected };
  };

  const ticker = sharedTicker ?? createFleetTicker();
  const removeTask = ticker.add(step);

  return {
    stations,
    step,
    snapshot: () => current,
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    execute,
    applyDesired,
    close() {
      if (closed) return;
      abortMission('robot closed');
      closed = true;
      removeTask();
      if (sharedTicker === undefined) ticker.close();
      listeners.clear();
    },
  };
}
