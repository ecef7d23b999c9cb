import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { spawnDaemon, startTestFleet, type TestFleet } from '@iot-gateway-net/device/testing';

// The executable as systemd runs it: `node dist/main.js run --config <file>` against the local
// cloud on ephemeral ports, a factory-fresh robot (claim credential only) provisioning itself.

jest.setTimeout(60_000);

const MAIN = path.resolve(__dirname, '../dist/main.js');

function runDaemon(args: string[]) {
  return spawnDaemon(MAIN, args);
}

describe('device-daemon executable', () => {
  let fleet: TestFleet;

  beforeEach(async () => {
    fleet = await startTestFleet({ preProvisioningHook: false });
  });

  afterEach(async () => {
    await fleet.close();
  });

  const kitRobot = (serial: string, extra: Record<string, unknown> = {}): Promise<string> =>
    fleet.kitRobot(serial, { heartbeatIntervalMs: 200, ...extra });

  it('provisions a factory-fresh robot by claim, heartbeats, and goes offline on SIGTERM', async () => {
    const configPath = await kitRobot('D01');
    const statuses: { online: boolean }[] = [];
    const heartbeat = new Promise<void>((resolve) => {
      fleet.cloud.bus.handle('amr/AMR-D01/heartbeat', () => resolve());
    });
    fleet.cloud.bus.handle('amr/AMR-D01/status', (message) => {
      statuses.push(JSON.parse(new TextDecoder().decode(message.payload)) as { online: boolean });
    });

    const daemon = runDaemon(['run', '--config', configPath]);
    await heartbeat;
    expect(statuses.some((status) => status.online)).toBe(true);
    daemon.kill('SIGTERM');
    expect((await daemon.exit).code).toBe(0);
    expect(statuses.at(-1)?.online).toBe(false);
    // Logs are lines a technician can read, and never carry key material.
    expect(daemon.output()).toMatch(/AMR-D01|D01/);
    expect(daemon.output()).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
  });

  it('checks a configuration, and refuses a bad one with one line and exit code 78', async () => {
    const configPath = await kitRobot('D02');
    const ok = runDaemon(['check', '--config', configPath]);
    expect((await ok.exit).code).toBe(0);
    expect(ok.output()).toContain(`OK ${configPath}`);

    const badPath = await kitRobot('D03', { heartbeatIntervalMs: -5 });
    const bad = runDaemon(['check', '--config', badPath]);
    expect((await bad.exit).code).toBe(78);
    expect(bad.output().trim().split('\n')).toHaveLength(1);
    expect(bad.output()).toMatch(/^device-daemon: .*heartbeatIntervalMs/);
  });

  it('run refuses a bad configuration with one line and exit code 78 (systemd does not restart)', async () => {
    const badPath = await kitRobot('D05', { provisioning: { templateName: 'amr fleet' } });
    const bad = runDaemon(['run', '--config', badPath]);
    expect((await bad.exit).code).toBe(78);
    expect(bad.output().trim().split('\n')).toHaveLength(1);
    expect(bad.output()).toMatch(/^device-daemon: .*provisioning\.templateName/);

    const notJson = path.join(fleet.dir, 'bad.json');
    await writeFile(notJson, '{ "endpoint": ');
    const broken = runDaemon(['run', '--config', notJson]);
    expect((await broken.exit).code).toBe(78);
    expect(broken.output().trim().split('\n')).toHaveLength(1);
    expect(broken.output()).toContain(notJson);
  });

  it('simulate runs every robot bundle of a fleet directory in one process; they come online', async () => {
    const serials = ['S01', 'S02'];
    for (const serial of serials) await kitRobot(serial);
    const last = new Map<string, { online: boolean; certificateId?: string }>();
    const online = new Promise<void>((resolve) => {
      for (const serial of serials) {
        fleet.cloud.bus.handle(`amr/AMR-${serial}/status`, (message) => {
          const status = JSON.parse(new TextDecoder().decode(message.payload)) as {
            online: boolean;
            certificateId?: string;
          };
          last.set(serial, status);
          if (serials.every((s) => last.get(s)?.online === true)) resolve();
        });
      }
    });

    const daemon = runDaemon(['simulate', '--fleet-dir', path.join(fleet.dir, 'robots')]);
    await online;
    expect(daemon.output()).toContain('simulating 2 AMRs');
    // Each robot provisioned its own identity by claim.
    const ids = serials.map((serial) => last.get(serial)?.certificateId);
    expect(ids.every((id) => /^[0-9a-f]{64}$/.test(id ?? ''))).toBe(true);
    expect(new Set(ids).size).toBe(2);
    daemon.kill('SIGTERM');
    expect((await daemon.exit).code).toBe(0);
    expect(serials.map((serial) => last.get(serial)?.online)).toEqual([false, false]);
  });

  it('refuses an adapter module without createRobotAdapter with exit code 1', async () => {
    const configPath = await kitRobot('D04');
    const adapterPath = path.join(fleet.dir, 'not-an-adapter.mjs');
    await writeFile(adapterPath, 'export const nothing = 1;\n');
    const daemon = runDaemon(['run', '--config', configPath, '--adapter', adapterPath]);
    expect((await daemon.exit).code).toBe(1);
    expect(daemon.output()).toContain('does not export createRobotAdapter');
  });

  it('answers bad usage with exit code 2', async () => {
    const daemon = runDaemon(['fly']);
    expect((await daemon.exit).code).toBe(2);
    expect(daemon.output()).toContain('Unknown command "fly"');
  });
});
