/** Where a robot's daemon lives once installed with `npm run pack:daemon`'s install.sh. */
export const DAEMON_INSTALL_PATHS = {
  /** config.json, the claim credential and the root CA (read-only for the daemon). */
  configDir: '/etc/amr-daemon',
  /** The daemon's `stateDir`: production credential slots and rotation state (systemd StateDirectory). */
  stateDir: '/var/lib/amr-daemon',
  /** The unit's file name under /etc/systemd/system. */
  unitName: 'amr-daemon.service',
  /** The installed executable. */
  executable: '/opt/amr-daemon/node_modules/@iot-gateway-net/device-daemon/dist/main.js',
} as const;

/**
 * Node.js options the daemon runs with (systemd unit, benchmark): a robot-class computer's memory
 * budget (60 MB for the daemon) over peak speed. `--max-semi-space-size=1` caps V8's young
 * generation at 1 MiB per semi-space instead of 16 (the daemon allocates little and often);
 * `--optimize-for-size`, `--no-opt`, `--no-sparkplug` and `--max-lazy` keep V8 from compiling
 * optimized and baseline code and its caches — the daemon spends its time waiting on sockets and
 * timers, and its crypto runs in native code. Together about 30 MiB less RSS for one robot
 * (docs/BENCHMARKS.md). (`--lite-mode` saves the same but implies `--jitless`, which turns
 * WebAssembly off with a warning on every start.)
 */
export const DAEMON_NODE_OPTIONS: readonly string[] = [
  '--max-semi-space-size=1',
  '--optimize-for-size',
  '--no-opt',
  '--no-sparkplug',
  '--max-lazy',
];

/**
 * The systemd unit of the device daemon, one text for the packaged install and for kitted bundles:
 * runs as the unprivileged `amr` user on a read-only system with only the state directory writable,
 * keys created 0600, restarts on failure but not on bad usage (2) or an invalid configuration (78),
 * gives the daemon 20 s to publish its offline status on stop, and runs Node with
 * {@link DAEMON_NODE_OPTIONS}. Starts after time sync, because
 * certificate expiry is judged on the clock.
 *
 * @param options.robot - serial or thing name shown in the unit's description.
 */
export function systemdUnit(options: { robot?: string } = {}): string {
  const p = DAEMON_INSTALL_PATHS;
  return `# AMR device daemon (iot-gateway-net). Configuration: ${p.configDir}/config.json; state: ${p.stateDir}.
[Unit]
Description=iot-gateway-net AMR device daemon${options.robot === undefined ? '' : ` (robot ${options.robot})`}
Wants=network-online.target time-sync.target
After=network-online.target time-sync.target

[Service]
Type=simple
User=amr
Group=amr
ExecStart=/usr/bin/env node ${DAEMON_NODE_OPTIONS.join(' ')} ${p.executable} run --config ${p.configDir}/config.json
Restart=always
RestartSec=5
RestartPreventExitStatus=2 78
TimeoutStopSec=20
StateDirectory=${p.stateDir.split('/').pop() ?? 'amr-daemon'}
StateDirectoryMode=0700
UMask=0077
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
ReadOnlyPaths=${p.configDir}
ReadWritePaths=${p.stateDir}
Environment=NODE_ENV=production
Environment=AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

[Install]
WantedBy=multi-user.target
`;
}
