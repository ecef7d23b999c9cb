import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { IoTClient } from '@aws-sdk/client-iot';
import {
  createClaimCredential,
  ensureFleetSetup,
  FLEET_SETUP_DEFAULTS,
  writeClaimCredential,
} from '@iot-gateway-net/fleet-setup';
import { startLocalCloud, type LocalCloud } from '@iot-gateway-net/local-cloud';

// The executable as systemd runs it: `node dist/main.js run --config <file>` against the local
// cloud on ephemeral ports, a factory-fresh robot (claim credential only) provisioning itself.

jest.setTimeout(60_000);

const MAIN = path.resolve(__dirname, '../dist/main.js');

interface Run {
  code: Promise<number | null>;
  stderr: () => string;
  kill: (signal: NodeJS.Signals) => void;
}

function runDaemon(args: string[]): Run {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return {
    code: new Promise((resolve) => child.on('exit', resolve)),
    stderr: () => err,
    kill: (signal) => child.kill(signal),
  };
}

describe('device-daemon executable', () => {
  let dir: string;
  let cloud: LocalCloud;
  let iot: IoTClient;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'device-daemon-'));
    cloud = await startLocalCloud(
      { dataDir: path.join(dir, 'cloud'), logLevel: 'error' },
      { writeLog: () => undefined },
    );
    const e = cloud.endpoints;
    iot = new IoTClient({
      endpoint: e.controlPlaneUrl,
      region: e.region,
      credentials: { ...e.controlPlaneCredentials },
    });
    await ensureFleetSetup({
      iot,
      region: e.region,
      accountId: e.accountId,
      provisioningRoleArn: `arn:aws:iam::${e.accountId}:role/fleet-provisioning`,
    });
  });

  afterEach(async () => {
    iot.destroy();
    await cloud.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function kitRobot(serial: string, extra: Record<string, unknown> = {}): Promise<string> {
    const e = cloud.endpoints;
    const robotDir = path.join(dir, 'robots', serial);
    const claim = await createClaimCredential({ iot, now: new Date() });
    await writeClaimCredential(robotDir, claim);
    const configPath = path.join(robotDir, 'config.json');
    await writeFile(
      configPath,
      JSON.stringify({
        endpoint: { host: e.iotEndpoint, port: e.mqttsPort },
        serialNumber: serial,
        provisioning: { templateName: FLEET_SETUP_DEFAULTS.templateName },
        paths: {
          rootCa: e.rootCaPath,
          claimCertificate: 'claim.cert.pem',
          claimPrivateKey: 'claim.private.key',
          stateDir: 'state',
        },
        heartbeatIntervalMs: 200,
        ...extra,
      }),
    );
    return configPath;
  }

  it('provisions a factory-fresh robot by claim, heartbeats, and goes offline on SIGTERM', async () => {
    const configPath = await kitRobot('D01');
    const statuses: { online: boolean }[] = [];
    const heartbeat = new Promise<void>((resolve) => {
      cloud.bus.handle('amr/AMR-D01/heartbeat', () => resolve());
    });
    cloud.bus.handle('amr/AMR-D01/status', (message) => {
      statuses.push(JSON.parse(new TextDecoder().decode(message.payload)) as { online: boolean });
    });

    const daemon = runDaemon(['run', '--config', configPath]);
    await heartbeat;
    expect(statuses.some((status) => status.online)).toBe(true);
    daemon.kill('SIGTERM');
    expect(await daemon.code).toBe(0);
    expect(statuses.at(-1)?.online).toBe(false);
    // Logs are lines a technician can read, and never carry key material.
    expect(daemon.stderr()).toMatch(/AMR-D01|D01/);
    expect(daemon.stderr()).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
  });

  it('checks a configuration, and refuses a bad one with one line and exit code 78', async () => {
    const configPath = await kitRobot('D02');
    const ok = runDaemon(['check', '--config', configPath]);
    expect(await ok.code).toBe(0);
    expect(ok.stderr()).toContain(`OK ${configPath}`);

    const badPath = await kitRobot('D03', { heartbeatIntervalMs: -5 });
    const bad = runDaemon(['check', '--config', badPath]);
    expect(await bad.code).toBe(78);
    expect(bad.stderr().trim().split('\n')).toHaveLength(1);
    expect(bad.stderr()).toMatch(/^device-daemon: .*heartbeatIntervalMs/);
  });

  it('run refuses a bad configuration with one line and exit code 78 (systemd does not restart)', async () => {
    const badPath = await kitRobot('D05', { provisioning: { templateName: 'amr fleet' } });
    const bad = runDaemon(['run', '--config', badPath]);
    expect(await bad.code).toBe(78);
    expect(bad.stderr().trim().split('\n')).toHaveLength(1);
    expect(bad.stderr()).toMatch(/^device-daemon: .*provisioning\.templateName/);

    const notJson = path.join(dir, 'bad.json');
    await writeFile(notJson, '{ "endpoint": ');
    const broken = runDaemon(['run', '--config', notJson]);
    expect(await broken.code).toBe(78);
    expect(broken.stderr().trim().split('\n')).toHaveLength(1);
    expect(broken.stderr()).toContain(notJson);
  });

  it('simulate runs every robot bundle of a fleet directory in one process; they come online', async () => {
    const serials = ['S01', 'S02'];
    for (const serial of serials) await kitRobot(serial);
    const last = new Map<string, { online: boolean; certificateId?: string }>();
    const online = new Promise<void>((resolve) => {
      for (const serial of serials) {
        cloud.bus.handle(`amr/AMR-${serial}/status`, (message) => {
          const status = JSON.parse(new TextDecoder().decode(message.payload)) as {
            online: boolean;
            certificateId?: string;
          };
          last.set(serial, status);
          if (serials.every((s) => last.get(s)?.online === true)) resolve();
        });
      }
    });

    const daemon = runDaemon(['simulate', '--fleet-dir', path.join(dir, 'robots')]);
    await online;
    expect(daemon.stderr()).toContain('simulating 2 AMRs');
    // Each robot provisioned its own identity by claim.
    const ids = serials.map((serial) => last.get(serial)?.certificateId);
    expect(ids.every((id) => /^[0-9a-f]{64}$/.test(id ?? ''))).toBe(true);
    expect(new Set(ids).size).toBe(2);
    daemon.kill('SIGTERM');
    expect(await daemon.code).toBe(0);
    expect(serials.map((serial) => last.get(serial)?.online)).toEqual([false, false]);
  });

  it('refuses an adapter module without createRobotAdapter with exit code 1', async () => {
    const configPath = await kitRobot('D04');
    const adapterPath = path.join(dir, 'not-an-adapter.mjs');
    await writeFile(adapterPath, 'export const nothing = 1;\n');
    const daemon = runDaemon(['run', '--config', configPath, '--adapter', adapterPath]);
    expect(await daemon.code).toBe(1);
    expect(daemon.stderr()).toContain('does not export createRobotAdapter');
  });

  it('answers bad usage with exit code 2', async () => {
    const daemon = runDaemon(['fly']);
    expect(await daemon.code).toBe(2);
    expect(daemon.stderr()).toContain('Unknown command "fly"');
  });
});
