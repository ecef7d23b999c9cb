import { join } from 'node:path';
import {
  createRobotRuntime,
  createSimulatedRobot,
  loadDeviceConfig,
  startDevice,
  type DeviceHandle,
  type DeviceLogger,
  type ProductionSession,
} from '@iot-gateway-net/device';

/** A robot booted from a kitted bundle, and its production sessions as they come. */
export interface KittedRobot {
  readonly device: DeviceHandle;
  /** Resolves with the `n`-th production session (1-based) the identity layer hands over. */
  session(n: number, timeoutMs?: number): Promise<ProductionSession>;
  stop(): Promise<void>;
}

const quiet: DeviceLogger = { log: () => undefined };

/**
 * Boots the device daemon engine (`startDevice` of `@iot-gateway-net/device`) from
 * `<bundleDir>/config.json` exactly as the robot would, with the real robot runtime over a
 * simulated robot, and records every production session it attaches.
 */
export async function startKittedRobot(bundleDir: string): Promise<KittedRobot> {
  const config = await loadDeviceConfig(join(bundleDir, 'config.json'));
  const clock = { now: () => Date.now() };
  const runtime = createRobotRuntime({
    robot: createSimulatedRobot({ clock, startStation: 'charger', battery: 80 }),
    clock,
    log: quiet,
  });
  const sessions: ProductionSession[] = [];
  const waiters: (() => void)[] = [];
  const observed = {
    ...runtime,
    will: runtime.will.bind(runtime),
    detach: runtime.detach.bind(runtime),
    close: runtime.close.bind(runtime),
    attach(session: ProductionSession) {
      sessions.push(session);
      runtime.attach(session);
      for (const wake of waiters.splice(0)) wake();
    },
  };
  const device = await startDevice({
    config,
    runtime: observed,
    log: quiet,
    probes: { clockSynchronized: () => Promise.resolve(true) },
  });
  return {
    device,
    async session(n, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (sessions.length < n) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`No production session #${n} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return sessions[n - 1];
    },
    async stop() {
      await device.stop();
      await runtime.close();
    },
  };
}
