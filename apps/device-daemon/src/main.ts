#!/usr/bin/env node
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  createConsoleLogger,
  createFleetTicker,
  createRobotRuntime,
  createSimulatedAmr,
  DeviceError,
  loadDeviceConfig,
  startDevice,
  startSimulatedFleet,
  type DeviceConfig,
  type RobotRuntime,
} from '@iot-gateway-net/device';
import { loadRobotAdapter } from './lib/loadRobotAdapter.js';
import { parseCommandLine, USAGE } from './lib/parseCommandLine.js';

// Exit codes: 0 stopped normally; 1 could not start (unreadable credentials, adapter, network
// set-up); 2 bad usage; 78 (EX_CONFIG) invalid configuration — the systemd unit does not restart
// on 2 or 78, so a robot with a broken configuration does not loop.
const EXIT_START = 1;
const EXIT_USAGE = 2;
const EXIT_CONFIG = 78;

// The AWS SDK is not used on the robot, but keep the same switch as the other executables.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

let command;
try {
  command = parseCommandLine(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`device-daemon: ${(error as Error).message}\n\n${USAGE}`);
  process.exit(EXIT_USAGE);
}

const fail = (error: unknown): never => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`device-daemon: ${message}\n`);
  process.exit(error instanceof DeviceError && error.code === 'CONFIG' ? EXIT_CONFIG : EXIT_START);
};

const onStopSignal = (stop: () => Promise<void>): void => {
  let stopping = false;
  const handler = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`device-daemon: ${signal}: stopping\n`);
    void stop().then(
      () => process.exit(0),
      (error: unknown) => fail(error),
    );
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
};

switch (command.kind) {
  case 'help':
    process.stdout.write(USAGE);
    break;
  case 'version': {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    process.stdout.write(`${pkg.version}\n`);
    break;
  }
  case 'check': {
    const config = await loadDeviceConfig(command.configPath).catch(fail);
    process.stdout.write(
      [
        `OK ${command.configPath}`,
        `  endpoint      ${config.endpoint.host}:${config.endpoint.port}`,
        `  serial        ${config.serialNumber}${config.thingName ? ` (thing ${config.thingName})` : ''}`,
        `  template      ${config.provisioning.templateName} (${config.provisioning.method}, ${config.provisioning.format})`,
        `  root CA       ${config.paths.rootCa}`,
        `  claim         ${config.paths.claimCertificate}`,
        `  state dir     ${config.paths.stateDir}`,
        `  heartbeat     ${config.heartbeatIntervalMs} ms`,
        '',
      ].join('\n'),
    );
    break;
  }
  case 'run': {
    const config = await loadDeviceConfig(command.configPath).catch(fail);
    const clock = { now: () => Date.now() };
    const log = createConsoleLogger({ level: config.logLevel, now: clock.now });
    let runtime: RobotRuntime;
    let closeTicker = (): void => undefined;
    if (command.adapter === undefined) {
      const ticker = createFleetTicker();
      closeTicker = () => ticker.close();
      runtime = createSimulatedAmr({
        ticker,
        clock,
        log,
        runtime: { heartbeatIntervalMs: config.heartbeatIntervalMs },
      }).runtime;
    } else {
      const robot = await loadRobotAdapter(command.adapter, { config, clock, log }).catch(fail);
      runtime = createRobotRuntime({
        robot,
        clock,
        log,
        heartbeatIntervalMs: config.heartbeatIntervalMs,
      });
    }
    const device = await startDevice({ config, runtime, clock, log }).catch(async (error) => {
      await runtime.close();
      return fail(error);
    });
    onStopSignal(async () => {
      await device.stop();
      await runtime.close();
      closeTicker();
    });
    break;
  }
  case 'simulate': {
    const configs = await loadFleet(command.fleetDir, command.limit).catch(fail);
    const fleet = await startSimulatedFleet({ configs }).catch(fail);
    process.stderr.write(
      `device-daemon: simulating ${fleet.members.length} AMRs from ${command.fleetDir}\n`,
    );
    const timer = setInterval(() => {
      const online = fleet.members.filter((member) => member.device.status().connected).length;
      process.stderr.write(`device-daemon: ${online}/${fleet.members.length} online\n`);
    }, 10_000);
    onStopSignal(async () => {
      clearInterval(timer);
      await fleet.stop();
    });
    break;
  }
}

/** Every `<dir>/<name>/config.json`, sorted by name. */
async function loadFleet(dir: string, limit: number | undefined): Promise<DeviceConfig[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    throw new DeviceError(
      'CONFIG',
      `Cannot read fleet directory "${dir}", expected a directory of robot bundles`,
      { cause },
    );
  }
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const configs: DeviceConfig[] = [];
  for (const name of names.slice(0, limit)) {
    const file = path.join(dir, name, 'config.json');
    configs.push(await loadDeviceConfig(file));
  }
  if (configs.length === 0) {
    throw new DeviceError(
      'CONFIG',
      `No robot bundles in "${dir}", expected <dir>/<serial>/config.json`,
    );
  }
  return configs;
}
