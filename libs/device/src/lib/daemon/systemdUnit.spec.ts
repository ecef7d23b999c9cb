import { DAEMON_INSTALL_PATHS, DAEMON_NODE_OPTIONS, systemdUnit } from './systemdUnit.js';

describe('systemdUnit', () => {
  it('runs the installed daemon on the installed config, unprivileged, with only its state writable', () => {
    const unit = systemdUnit({ robot: 'AMR-001' });
    expect(unit).toContain('Description=iot-gateway-net AMR device daemon (robot AMR-001)');
    expect(unit).toContain(
      `ExecStart=/usr/bin/env node --max-semi-space-size=1 --optimize-for-size --no-opt --no-sparkplug --max-lazy ${DAEMON_INSTALL_PATHS.executable} run --config /etc/amr-daemon/config.json`,
    );
    expect(DAEMON_NODE_OPTIONS).toContain('--max-semi-space-size=1');
    expect(unit).toContain('User=amr');
    expect(unit).toContain('StateDirectory=amr-daemon');
    expect(unit).toContain('ReadWritePaths=/var/lib/amr-daemon');
    expect(unit).toContain('ProtectSystem=strict');
    expect(unit).toContain('UMask=0077');
    // A broken configuration must not restart-loop: exit codes 2 (usage) and 78 (EX_CONFIG).
    expect(unit).toContain('RestartPreventExitStatus=2 78');
    expect(unit).toMatch(/After=.*time-sync\.target/);
  });

  it('leaves the robot out of the description for the packaged install', () => {
    expect(systemdUnit()).toContain('Description=iot-gateway-net AMR device daemon\n');
  });
});
