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
 * The systemd unit of the device daemon, one text for the packaged install and for kitted bundles:
 * runs as the unprivileged `amr` user on a read-only system with only the state directory writable,
 * keys created 0600, restarts on failure but not on bad usage (2) or an invalid configuration (78),
 * and gives the daemon 20 s to publish its offline status on stop. Starts after time sync, because
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
ExecStart=/usr/bin/env node ${p.executable} run --config ${p.configDir}/config.json
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
