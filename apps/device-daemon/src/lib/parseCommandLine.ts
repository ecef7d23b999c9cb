import { parseArgs } from 'node:util';

/** What the `device-daemon` executable was asked to do. */
export type CommandLine =
  | { kind: 'help' }
  | { kind: 'version' }
  /** Run one robot: the daemon systemd starts. `adapter` is a module path, or the simulated robot. */
  | { kind: 'run'; configPath: string; adapter: string | undefined }
  /** Validate a configuration file and print the resolved settings. */
  | { kind: 'check'; configPath: string }
  /** Simulator mode: every `<fleetDir>/*\/config.json`, each as its own simulated AMR. */
  | { kind: 'simulate'; fleetDir: string; limit: number | undefined };

/** Default configuration path of a robot installed with the systemd unit. */
export const DEFAULT_CONFIG_PATH = '/etc/amr-daemon/config.json';

/** Usage text of `device-daemon`. */
export const USAGE = `Usage: device-daemon [run] [--config FILE] [--adapter MODULE]
       device-daemon check --config FILE
       device-daemon simulate --fleet-dir DIR [--limit N]

AMR のデバイスデーモン：claim 証明書によるプロビジョニング、証明書ローテーション、ハートビート、
ステータス、シャドウ、コマンド。 / The AMR device daemon: provisioning by claim, certificate rotation,
heartbeat, status, shadow and commands.

Commands:
  run        run one robot (default). Stops gracefully on SIGTERM/SIGINT.
  check      validate a configuration file and print the resolved settings
  simulate   run one simulated AMR per <DIR>/<serial>/config.json in this process

Options:
  --config FILE      daemon configuration (JSON). Default: ${DEFAULT_CONFIG_PATH}
  --adapter MODULE   robot adapter module (exports createRobotAdapter); default: the simulated robot
  --fleet-dir DIR    directory of robot bundles for simulate
  --limit N          simulate only the first N bundles
  -v, --version      print the version
  -h, --help         show this help

Examples:
  device-daemon --config /etc/amr-daemon/config.json
  device-daemon check --config ./config.json
  device-daemon simulate --fleet-dir .data/fleet
`;

/**
 * Parses the daemon's arguments.
 *
 * @throws {Error} with a one-line message naming the bad flag, value or command.
 */
export function parseCommandLine(argv: string[]): CommandLine {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      adapter: { type: 'string' },
      'fleet-dir': { type: 'string' },
      limit: { type: 'string' },
      version: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (positionals.length > 1) {
    throw new Error(`Unexpected argument "${positionals[1]}", expected at most one command`);
  }
  const command = positionals[0] ?? 'run';
  const configPath = values.config ?? DEFAULT_CONFIG_PATH;
  switch (command) {
    case 'run':
      refuse(values, ['fleet-dir', 'limit'], 'run');
      return { kind: 'run', configPath, adapter: values.adapter };
    case 'check':
      refuse(values, ['fleet-dir', 'limit', 'adapter'], 'check');
      return { kind: 'check', configPath };
    case 'simulate': {
      refuse(values, ['config', 'adapter'], 'simulate');
      if (values['fleet-dir'] === undefined) {
        throw new Error('Missing --fleet-dir for simulate, expected a directory of robot bundles');
      }
      let limit: number | undefined;
      if (values.limit !== undefined) {
        limit = Number(values.limit);
        if (!Number.isInteger(limit) || limit < 1) {
          throw new Error(`Invalid --limit "${values.limit}", expected a positive integer`);
        }
      }
      return { kind: 'simulate', fleetDir: values['fleet-dir'], limit };
    }
    default:
      throw new Error(`Unknown command "${command}", expected run, check or simulate`);
  }
}

function refuse(values: Record<string, unknown>, flags: string[], command: string): void {
  for (const flag of flags) {
    if (values[flag] !== undefined)
      throw new Error(`Option --${flag} does not apply to ${command}`);
  }
}
