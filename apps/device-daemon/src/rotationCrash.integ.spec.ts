import path from 'node:path';
import {
  spawnDaemon,
  startTestFleet,
  type DaemonLogLine as Line,
  type SpawnedDaemon as Daemon,
  type TestFleet,
} from '@iot-gateway-net/device/testing';
import { FLEET_SETUP_DEFAULTS } from '@iot-gateway-net/fleet-setup';

// Crash safety of the real executable: `node dist/main.js run` is SIGKILLed the moment it logs a
// rotation step, then started again on the same state directory. Whatever the step, it must end
// connected with exactly one ACTIVE production certificate attached to its thing.
//
// The local cloud issues 30-second certificates; the daemon renews at half their life (15 s), so
// every robot rotates soon after its first boot, and the old certificate still has 15 s left for
// the kill and the restart (on a loaded 2-core machine starting five daemons takes seconds). One
// robot per kill point, all running at once against one cloud, keeps the spec to about 30 s.

const MAIN = path.resolve(__dirname, '../dist/main.js');
const LIFETIME_MS = 30_000;
const TIMEOUT_MS = 60_000;

interface KillPoint {
  readonly name: string;
  /** The line to die on, the first one after `rotation.renewalStarted`. */
  readonly at: (line: Line, firstSlot: string | undefined) => boolean;
  /** The line of the restarted daemon after which the rotation must be over. */
  readonly settled: (line: Line) => boolean;
}

const renewedOrRecovered = (line: Line): boolean =>
  line.event === 'rotation.renewed' || line.event === 'rotation.recovered';

const killPoints: KillPoint[] = [
  {
    name: 'after key generation',
    at: (line) => line.event === 'provisioning.keyGenerated',
    settled: renewedOrRecovered,
  },
  {
    name: 'after the new certificate is issued',
    at: (line) => line.event === 'provisioning.certificateIssued',
    settled: renewedOrRecovered,
  },
  {
    name: 'after RegisterThing',
    at: (line) => line.event === 'provisioning.thingRegistered',
    settled: renewedOrRecovered,
  },
  {
    name: 'after switching to the new certificate',
    at: (line, firstSlot) =>
      line.event === 'production.connected' && line.field('slot') !== firstSlot,
    settled: renewedOrRecovered,
  },
  {
    name: 'after the commit',
    at: (line) => line.event === 'rotation.state' && line.field('event') === 'commitAccepted',
    // Nothing left to renew: the committed certificate connects and the old slot is deleted.
    settled: (line) => line.event === 'credentials.slotDeleted' && line.text.includes('(retired)'),
  },
];

describe('device-daemon killed during certificate rotation', () => {
  let fleet: TestFleet;
  const daemons: Daemon[] = [];

  beforeAll(async () => {
    fleet = await startTestFleet({
      deviceCertificateLifetimeDays: LIFETIME_MS / 86_400_000,
      preProvisioningHook: false,
    });
  }, TIMEOUT_MS);

  afterAll(async () => {
    for (const daemon of daemons) daemon.kill('SIGKILL');
    await Promise.all(daemons.map((daemon) => daemon.exit));
    await fleet.close();
  }, TIMEOUT_MS);

  const kitRobot = (serial: string): Promise<string> =>
    fleet.kitRobot(serial, {
      provisioning: { templateName: FLEET_SETUP_DEFAULTS.templateName, requestTimeoutMs: 5_000 },
      // Renew at half the certificate's life; retry quickly.
      rotation: {
        leadTimeMs: LIFETIME_MS,
        backoffBaseMs: 200,
        backoffCeilingMs: 1_000,
        stepTimeoutMs: 10_000,
      },
      // The broker accepts one CONNECT per second per client id: the 1 s floor keeps to it.
      connection: { reconnectMinDelayMs: 1_000, reconnectMaxDelayMs: 2_000 },
    });

  function start(configPath: string): Daemon {
    const daemon = spawnDaemon(MAIN, ['run', '--config', configPath]);
    daemons.push(daemon);
    return daemon;
  }

  it.concurrent.each(killPoints.map((point, index) => [point.name, point, index + 1] as const))(
    'SIGKILL %s, restart: connected with exactly one active certificate',
    async (_name, point, index) => {
      const serial = `K0${index}`;
      const thingName = `${FLEET_SETUP_DEFAULTS.thingNamePrefix}${serial}`;
      const seen: { online: boolean; certificateId?: string }[] = [];
      const statusWaiters = new Set<() => void>();
      fleet.cloud.bus.handle(`amr/${thingName}/status`, (message) => {
        seen.push(
          JSON.parse(new TextDecoder().decode(message.payload)) as {
            online: boolean;
            certificateId?: string;
          },
        );
        for (const waiter of [...statusWaiters]) waiter();
      });
      const configPath = await kitRobot(serial);

      const one = start(configPath);
      let renewing = false;
      let firstSlot: string | undefined;
      let killedAt: Line | undefined;
      one.onLine((line) => {
        if (line.event === 'production.connected') firstSlot ??= line.field('slot');
        if (line.event === 'rotation.renewalStarted') renewing = true;
        if (renewing && killedAt === undefined && point.at(line, firstSlot)) {
          killedAt = line;
          one.kill('SIGKILL');
        }
      });
      const ended = await one.exit;
      if (ended.signal !== 'SIGKILL') {
        throw new Error(
          `The daemon exited with ${JSON.stringify(ended)} before the kill; its log:\n${one.lines
            .map((line) => line.text)
            .join('\n')}`,
        );
      }
      expect(killedAt).toBeDefined();

      const two = start(configPath);
      await two.waitFor(point.settled, 'the end of the rotation');
      await two.waitFor((line) => line.event === 'production.connected', 'a production connection');
      const connected = two.lines.filter((line) => line.event === 'production.connected').at(-1);
      const prefix = connected?.field('certificateId') ?? '';
      expect(prefix).toMatch(/^[0-9a-f]{12}$/);

      const attached = await fleet.certificatesOf(thingName);
      expect(attached).toEqual([{ certificateId: expect.any(String), status: 'ACTIVE' }]);
      const current = attached[0]?.certificateId ?? '';
      expect(current.startsWith(prefix)).toBe(true);
      // Connected with it: the retained online status names it.
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`No online status with ${current}: ${JSON.stringify(seen)}`)),
          10_000,
        );
        const check = (): void => {
          if (!seen.some((s) => s.online && s.certificateId === current)) return;
          clearTimeout(timer);
          statusWaiters.delete(check);
          resolve();
        };
        statusWaiters.add(check);
        check();
      });

      if (process.env['ECHO'] === '1') {
        process.stdout.write(
          [...one.lines.map((l) => `A ${l.text}`), ...two.lines.map((l) => `B ${l.text}`)]
            .map((text) => `${serial} ${text}\n`)
            .join(''),
        );
      }
      two.kill('SIGTERM');
      expect(await two.exit).toEqual({ code: 0, signal: null });
    },
    TIMEOUT_MS,
  );
});
