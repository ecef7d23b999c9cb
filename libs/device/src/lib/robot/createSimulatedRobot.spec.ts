import { DeviceError } from '../errors/DeviceError.js';
import { createFleetTicker } from '../fleet/createFleetTicker.js';
import { createSeededRandom } from '../fleet/createSeededRandom.js';
import { createSimulatedRobot, type SimulatedRobotOptions } from './createSimulatedRobot.js';
import type { RobotCommand } from './schemas.js';
import type { CommandDecision, CommandOutcome } from './types.js';

function fakeClock(start = 1_767_225_600_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

function setUp(options: Partial<SimulatedRobotOptions> = {}) {
  const clock = fakeClock();
  const ticker = createFleetTicker();
  const robot = createSimulatedRobot({
    clock,
    random: createSeededRandom(7),
    ticker,
    startStation: 'charger',
    battery: 80,
    ...options,
  });
  /** Moves the clock in 1 s ticks, as the shared ticker would. */
  const run = (seconds: number): void => {
    for (let i = 0; i < seconds; i += 1) {
      clock.advance(1_000);
      ticker.tick();
    }
  };
  return { clock, ticker, robot, run };
}

function accepted(decision: CommandDecision): Promise<CommandOutcome> {
  if (!decision.accepted) throw new Error(`expected accepted, got rejected: ${decision.reason}`);
  return decision.completion;
}

async function settled(promise: Promise<CommandOutcome>): Promise<CommandOutcome | 'pending'> {
  return Promise.race([
    promise,
    new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending'))),
  ]);
}

const call = (
  requestId: string,
  args: Extract<RobotCommand, { name: 'call' }>['args'],
): RobotCommand => ({ name: 'call', requestId, args });

describe('createSimulatedRobot', () => {
  it('drives to a called station at speedLimit, draining the battery per metre, then reports done', async () => {
    const { robot, run } = setUp();
    const changes: string[] = [];
    robot.onChange((snapshot) => changes.push(snapshot.state));
    const completion = accepted(robot.execute(call('req-1', { station: 'station-a' })));
    expect(robot.snapshot()).toMatchObject({ state: 'moving', mission: 'req-1' });
    run(5);
    expect(robot.snapshot().position.x).toBeCloseTo(5);
    expect(robot.snapshot().position.theta).toBeCloseTo(0);
    expect(await settled(completion)).toBe('pending');
    run(5);
    expect(await completion).toEqual({ ok: true });
    expect(robot.snapshot()).toMatchObject({
      state: 'idle',
      mission: null,
      position: { x: 10, y: 0 },
    });
    // 10 m at 0.2 %/m.
    expect(robot.snapshot().battery).toBeCloseTo(78);
    expect(changes[0]).toBe('moving');
    expect(changes.at(-1)).toBe('idle');
    robot.close();
  });

  it('drives to a position and takes its heading', async () => {
    const { robot, run } = setUp();
    const completion = accepted(robot.execute(call('req-2', { x: 0, y: 3, theta: 1.5 })));
    run(3);
    expect(await completion).toEqual({ ok: true });
    expect(robot.snapshot().position).toEqual({ x: 0, y: 3, theta: 1.5 });
    robot.close();
  });

  it('rejects a call to an unknown station naming the known ones, and every call in maintenance', () => {
    const { robot } = setUp();
    expect(robot.execute(call('req-3', { station: 'nowhere' }))).toEqual({
      accepted: false,
      reason: 'unknown station "nowhere", expected one of charger, station-a, station-b, station-c',
    });
    expect(robot.applyDesired({ mode: 'maintenance' })).toEqual({ rejected: {} });
    expect(robot.execute(call('req-4', { station: 'station-a' }))).toEqual({
      accepted: false,
      reason: 'robot is in maintenance mode',
    });
    robot.close();
  });

  it('goes to charge by itself below lowBatteryThreshold, charges to full, and refuses calls meanwhile', () => {
    const { robot, run } = setUp({ startStation: 'station-b', battery: 19.5 });
    run(1);
    expect(robot.snapshot()).toMatchObject({ state: 'moving', mission: 'charge-1' });
    const refused = robot.execute(call('req-5', { station: 'station-a' }));
    expect(refused.accepted).toBe(false);
    run(13); // about 12.8 m to the charger
    expect(robot.snapshot()).toMatchObject({ state: 'charging', mission: 'charge-1' });
    run(100);
    expect(robot.snapshot()).toMatchObject({ state: 'idle', mission: null });
    // Full, then idle drain since.
    expect(robot.snapshot().battery).toBeGreaterThan(99.5);
    robot.close();
  });

  it('stop fails the running mission and resume continues it to the end', async () => {
    const { robot, run } = setUp();
    const first = accepted(robot.execute(call('req-6', { station: 'station-a' })));
    run(4);
    const stop = accepted(robot.execute({ name: 'stop', requestId: 'req-7', args: undefined }));
    expect(await stop).toEqual({ ok: true });
    expect(await first).toEqual({ ok: false, reason: 'stopped by stop req-7' });
    expect(robot.snapshot()).toMatchObject({ state: 'idle', mission: null });
    run(10);
    expect(robot.snapshot().position.x).toBeCloseTo(4);
    const resumed = accepted(robot.execute({ name: 'resume', requestId: 'req-8', args: {} }));
    expect(robot.snapshot()).toMatchObject({ state: 'moving', mission: 'req-6' });
    run(6);
    expect(await resumed).toEqual({ ok: true });
    expect(robot.snapshot().position.x).toBe(10);
    expect(robot.execute({ name: 'resume', requestId: 'req-9', args: undefined })).toEqual({
      accepted: false,
      reason: 'nothing to resume: no mission was stopped',
    });
    robot.close();
  });

  it('charge is done once docked; a newer call supersedes a running one', async () => {
    const { robot, run } = setUp({ startStation: 'station-a' });
    const first = accepted(robot.execute(call('req-10', { station: 'station-b' })));
    const charge = accepted(
      robot.execute({ name: 'charge', requestId: 'req-11', args: undefined }),
    );
    expect(await first).toEqual({ ok: false, reason: 'superseded by charge req-11' });
    run(10);
    expect(await charge).toEqual({ ok: true });
    expect(robot.snapshot()).toMatchObject({ state: 'charging', mission: 'req-11' });
    robot.close();
  });

  it('an empty battery while driving is an error; only a charge gets it going again', async () => {
    const { robot, run } = setUp({ battery: 21, settings: { lowBatteryThreshold: 5 } });
    const calling = accepted(robot.execute(call('req-12', { x: 200, y: 0 })));
    run(120);
    expect(await calling).toEqual({ ok: false, reason: 'battery empty' });
    expect(robot.snapshot()).toMatchObject({ state: 'error', battery: 0 });
    expect(robot.execute(call('req-13', { station: 'charger' })).accepted).toBe(false);
    const charge = accepted(
      robot.execute({ name: 'charge', requestId: 'req-14', args: undefined }),
    );
    run(110);
    expect(await charge).toEqual({ ok: true });
    expect(robot.snapshot().state).toBe('charging');
    robot.close();
  });

  it('applies valid desired settings and names the reason for each key it rejects', () => {
    const { robot } = setUp();
    const result = robot.applyDesired({ speedLimit: 0.5, mode: 'warp', colour: 'red' });
    expect(robot.snapshot().settings).toEqual({
      speedLimit: 0.5,
      mode: 'auto',
      lowBatteryThreshold: 20,
    });
    expect(Object.keys(result.rejected).sort()).toEqual(['colour', 'mode']);
    expect(result.rejected['colour']).toBe(
      'unknown setting "colour", expected one of speedLimit, mode, lowBatteryThreshold',
    );
    expect(result.rejected['mode']).toMatch(/^invalid mode "warp": /);
    robot.close();
  });

  it('is deterministic for the same seed and clock, patrolling between stations', () => {
    const trace = (): string[] => {
      const { robot, run } = setUp({
        patrol: true,
        random: createSeededRandom(42),
        startStation: undefined,
        battery: undefined,
      });
      const seen: string[] = [];
      robot.onChange((snapshot) => {
        if (snapshot.mission !== null && seen.at(-1) !== snapshot.mission)
          seen.push(snapshot.mission);
      });
      run(300);
      const last = robot.snapshot();
      robot.close();
      return [...seen, JSON.stringify(last)];
    };
    const first = trace();
    expect(first.length).toBeGreaterThan(3);
    expect(trace()).toEqual(first);
  });

  it('refuses invalid options naming them', () => {
    expect(() => createSimulatedRobot({ clock: fakeClock(), startStation: 'moon' })).toThrow(
      DeviceError,
    );
    expect(() => createSimulatedRobot({ clock: fakeClock(), startStation: 'moon' })).toThrow(
      'Unexpected simulated robot options: startStation: Expected startStation to name one of stations',
    );
  });

  it('1,000 robots share one ticker and a tick of all of them is cheap', () => {
    const clock = fakeClock();
    const ticker = createFleetTicker();
    const robots = Array.from({ length: 1_000 }, (_, index) =>
      createSimulatedRobot({ clock, random: createSeededRandom(index + 1), ticker, patrol: true }),
    );
    expect(ticker.size).toBe(1_000);
    const started = performance.now();
    for (let i = 0; i < 60; i += 1) {
      clock.advance(1_000);
      ticker.tick();
    }
    // 60 simulated seconds of 1,000 robots: well under a second of CPU on this machine.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(robots.filter((robot) => robot.snapshot().state === 'moving').length).toBeGreaterThan(0);
    for (const robot of robots) robot.close();
    expect(ticker.size).toBe(0);
  });
});
