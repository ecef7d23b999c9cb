import { AmrStatusSchema, lastWillStatus } from '@iot-gateway-net/topics';
import { DeviceError } from '../errors/DeviceError.js';
import { createFleetTicker } from '../fleet/createFleetTicker.js';
import { createSimulatedRobot } from '../robot/createSimulatedRobot.js';
import type { RobotSnapshot } from '../robot/schemas.js';
import { createRobotRuntime } from './createRobotRuntime.js';
import { reportedFromSnapshot } from './reportedFromSnapshot.js';
import { statusFromSnapshot } from './statusFromSnapshot.js';

const clock = { now: () => 1_767_225_600_000 };
const silent = { log: () => undefined };
const certificateId = 'a'.repeat(64);
const snapshot: RobotSnapshot = {
  state: 'moving',
  battery: 87.6543,
  position: { x: 1.23456, y: -0.004, theta: 3.14159265 },
  mission: 'req-1',
  settings: { speedLimit: 0.5, mode: 'auto' },
};

describe('createRobotRuntime (without a connection)', () => {
  it('gives the Will: a retained QoS 1 lastWillStatus on amr/<thing>/status', async () => {
    const ticker = createFleetTicker();
    const runtime = createRobotRuntime({
      robot: createSimulatedRobot({ clock, ticker }),
      clock,
      log: silent,
    });
    const will = runtime.will('AMR-001', 1_000);
    expect(will).toMatchObject({ topic: 'amr/AMR-001/status', qos: 1, retain: true });
    expect(JSON.parse(String(will.payload))).toEqual(lastWillStatus('AMR-001', 1_000));
    await runtime.close();
    expect(ticker.size).toBe(0);
  });

  it('refuses invalid numeric options naming them', () => {
    const ticker = createFleetTicker();
    const robot = createSimulatedRobot({ clock, ticker });
    const create = () => createRobotRuntime({ robot, clock, log: silent, heartbeatIntervalMs: 0 });
    expect(create).toThrow(DeviceError);
    expect(create).toThrow(/^Unexpected robot runtime options: heartbeatIntervalMs: /);
    robot.close();
  });

  it('detach without an attached connection does nothing', async () => {
    const ticker = createFleetTicker();
    const runtime = createRobotRuntime({
      robot: createSimulatedRobot({ clock, ticker }),
      clock,
      log: silent,
    });
    await expect(runtime.detach({ final: true })).resolves.toBeUndefined();
    await runtime.close();
  });
});

describe('statusFromSnapshot and reportedFromSnapshot', () => {
  it('round what they publish and fit AmrStatusSchema', () => {
    const status = statusFromSnapshot('AMR-001', snapshot, {
      online: true,
      certificateId,
      now: clock.now(),
    });
    expect(AmrStatusSchema.parse(status)).toEqual({
      thingName: 'AMR-001',
      online: true,
      state: 'moving',
      battery: 87.7,
      position: { x: 1.23, y: -0, theta: 3.142 },
      mission: 'req-1',
      certificateId,
      updatedAt: clock.now(),
    });
    expect(reportedFromSnapshot(snapshot, certificateId)).toEqual({
      speedLimit: 0.5,
      mode: 'auto',
      state: 'moving',
      mission: 'req-1',
      battery: 87.7,
      position: { x: 1.23, y: -0, theta: 3.142 },
      certificateId,
    });
  });

  it('an offline status says offline with no mission, keeping where the robot was left', () => {
    const status = statusFromSnapshot('AMR-001', snapshot, { online: false, now: clock.now() });
    expect(status).toMatchObject({ online: false, state: 'offline', mission: null, battery: 87.7 });
    expect(status.certificateId).toBeUndefined();
  });
});
