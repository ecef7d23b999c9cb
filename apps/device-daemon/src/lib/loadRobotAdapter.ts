import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  DeviceConfig,
  DeviceClock,
  DeviceLogger,
  RobotAdapter,
} from '@iot-gateway-net/device';

/** What an adapter module's `createRobotAdapter` receives. */
export interface RobotAdapterContext {
  readonly config: DeviceConfig;
  readonly clock: DeviceClock;
  readonly log: DeviceLogger;
}

/**
 * Loads a robot adapter module for real hardware: an ES module (path relative to the working
 * directory, or a package name) exporting `createRobotAdapter(context): RobotAdapter | Promise<RobotAdapter>`.
 *
 * @throws {Error} one line naming the module and what is wrong with it.
 */
export async function loadRobotAdapter(
  specifier: string,
  context: RobotAdapterContext,
): Promise<RobotAdapter> {
  const target =
    specifier.startsWith('.') || path.isAbsolute(specifier)
      ? pathToFileURL(path.resolve(specifier)).href
      : specifier;
  let module: { createRobotAdapter?: unknown };
  try {
    module = (await import(target)) as { createRobotAdapter?: unknown };
  } catch (error) {
    throw new Error(`Cannot load robot adapter "${specifier}": ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (typeof module.createRobotAdapter !== 'function') {
    throw new Error(
      `Robot adapter "${specifier}" does not export createRobotAdapter, expected a function returning a RobotAdapter`,
    );
  }
  const adapter = (await (module.createRobotAdapter as (context: RobotAdapterContext) => unknown)(
    context,
  )) as Partial<RobotAdapter> | undefined;
  for (const method of ['snapshot', 'onChange', 'execute', 'applyDesired', 'close'] as const) {
    if (typeof adapter?.[method] !== 'function') {
      throw new Error(
        `Robot adapter "${specifier}" returned an object without ${method}(), expected a RobotAdapter`,
      );
    }
  }
  return adapter as RobotAdapter;
}
