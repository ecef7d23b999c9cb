import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeCertificateCommand, UpdateCertificateCommand } from '@aws-sdk/client-iot';
import { certificateId } from '@iot-gateway-net/pki';
import mqtt from 'mqtt';
import { createStubRuntime, type StubRuntime } from '../../testing/createStubRuntime.js';
import {
  createTestLogger,
  type LogEntry,
  type TestLogger,
} from '../../testing/createTestLogger.js';
import { startTestFleet, type TestFleet } from '../../testing/startTestFleet.js';
import type { DeviceConfig } from '../config/schemas.js';
import { startDevice, type DeviceHandle, type DeviceStatus } from './startDevice.js';

jest.setTimeout(90_000);

// Certificates live 40 s; the device renews 30 s before expiry, but never before half the
// lifetime (20 s); the hook lets a certificate with less than a day left re-provision.
const LIFETIME_MS = 40_000;
const DUE_AFTER_MS = 21_000;

async function boot(
  fleet: TestFleet,
  config: DeviceConfig,
  log: TestLogger,
  runtime: StubRuntime = createStubRuntime(),
) {
  const device = await startDevice({
    config,
    runtime,
    clock: fleet.clock,
    log,
    probes: { clockSynchronized: () => Promise.resolve(true) },
    timerClampMs: 100,
  });
  return { device, runtime };
}

function settled(device: DeviceHandle, notCertificate?: string | null) {
  return () => {
    const status = device.status();
    return (
      status.rotationState === 'operating' &&
      status.connected &&
      status.certificateId !== null &&
      status.certificateId !== notCertificate
    );
  };
}

/** The credential slots on disk (production-<n> directories), sorted. */
function slotsOf(stateDir: string): string[] {
  try {
    return readdirSync(join(stateDir, 'slots')).sort();
  } catch {
    return [];
  }
}

describe('certificate rotation and recovery', () => {
  let fleet: TestFleet;
  const running: DeviceHandle[] = [];

  beforeAll(async () => {
    fleet = await startTestFleet({
      deviceCertificateLifetimeDays: LIFETIME_MS / 86_400_000,
      rotationGate: { renewalLeadDays: 1, maxAgeDays: 2 },
    });
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((d) => d.stop()));
  });
  afterAll(async () => {
    await fleet.close();
  });

  const configFor = (serial: string) =>
    fleet.deviceConfig(serial, {
      rotation: {
        leadTimeMs: 30_000,
        backoffBaseMs: 100,
        backoffCeilingMs: 400,
        stepTimeoutMs: 15_000,
      },
    });

  it('renews a due certificate beside the working one, retires the old, one reconnect', async () => {
    const serial = 'R01';
    const log = createTestLogger();
    const { device, runtime } = await boot(fleet, configFor(serial), log);
    running.push(device);
    await log.waitFor(settled(device));
    const old = device.status().certificateId;

    fleet.clock.advance(DUE_AFTER_MS);
    await log.waitFor((e) => e.event === 'rotation.renewed');
    await log.waitFor(settled(device, old));

    const renewed = device.status().certificateId;
    expect(renewed).not.toBe(old);
    expect(await fleet.certificatesOf(fleet.thingName(serial))).toEqual([
      { certificateId: renewed, status: 'ACTIVE' },
    ]);
    const oldDescription = await fleet.iot.send(
      new DescribeCertificateCommand({ certificateId: old ?? '' }),
    );
    expect(oldDescription.certificateDescription?.status).toBe('INACTIVE');
    // Offline for at most one reconnect: one purposeful detach, one new session.
    expect(runtime.sessions.map((s) => s.certificateId)).toEqual([old, renewed]);
    expect(runtime.detaches).toEqual([false]);
    expect(log.entries.filter((e) => e.event === 'production.disconnected')).toEqual([]);
  });

  it('recovers by claim after a long dormancy (certificate expired while stopped)', async () => {
    const serial = 'R02';
    const config = configFor(serial);
    const first = createTestLogger();
    const one = await boot(fleet, config, first);
    await first.waitFor(settled(one.device));
    const old = one.device.status().certificateId;
    await one.device.stop();

    fleet.clock.advance(LIFETIME_MS + 5_000);
    const log = createTestLogger();
    const two = await boot(fleet, config, log);
    running.push(two.device);
    await log.waitFor((e) => e.event === 'rotation.productionDead');
    await log.waitFor((e) => e.event === 'rotation.recovered');
    await log.waitFor(settled(two.device, old));

    const recovered = two.device.status().certificateId;
    expect(await fleet.certificatesOf(fleet.thingName(serial))).toEqual([
      { certificateId: recovered, status: 'ACTIVE' },
    ]);
  });

  it('recovers by claim when the certificate is revoked while connected', async () => {
    const serial = 'R03';
    const log = createTestLogger();
    const { device } = await boot(fleet, configFor(serial), log);
    running.push(device);
    await log.waitFor(settled(device));
    const old = device.status().certificateId ?? '';

    await fleet.iot.send(
      new UpdateCertificateCommand({ certificateId: old, newStatus: 'REVOKED' }),
    );
    await log.waitFor((e) => e.event === 'production.refused');
    await log.waitFor((e) => e.event === 'rotation.recovered');
    await log.waitFor(settled(device, old));

    expect(await fleet.certificatesOf(fleet.thingName(serial))).toEqual([
      { certificateId: device.status().certificateId, status: 'ACTIVE' },
    ]);
  });

  it('survives a duplicate client id: reconnects with backoff, keeps its certificate', async () => {
    const serial = 'R04';
    // AWS allows one CONNECT per second per client id: the default 1 s reconnect floor keeps to it.
    const config = fleet.deviceConfig(serial, {
      connection: { reconnectMinDelayMs: 1_000, reconnectMaxDelayMs: 2_000 },
    });
    const log = createTestLogger();
    const { device, runtime } = await boot(fleet, config, log);
    running.push(device);
    await log.waitFor(settled(device));
    const certificateId = device.status().certificateId;
    const slot = join(config.paths.stateDir, 'slots', 'production-1');

    const mark = log.mark();
    const intruder = mqtt.connect({
      protocol: 'mqtts',
      host: config.endpoint.host,
      port: config.endpoint.port,
      ca: await readFile(config.paths.rootCa),
      cert: await readFile(join(slot, 'certificate.pem')),
      key: await readFile(join(slot, 'private.key')),
      clientId: fleet.thingName(serial),
      protocolVersion: 4,
      // Its first CONNECT may fall within the broker's one-per-second window: retry until in.
      reconnectPeriod: 300,
      reconnectOnConnackError: true,
    });
    await new Promise<void>((resolve) => intruder.once('connect', () => resolve()));
    const intruderKicked = new Promise<void>((resolve) => intruder.once('close', () => resolve()));
    await log.waitFor((e) => e.event === 'production.disconnected', 20_000, mark);
    await log.waitFor((e) => e.event === 'production.connected', 20_000, mark);
    await intruderKicked;
    intruder.end(true);

    expect(device.status()).toMatchObject({
      rotationState: 'operating',
      certificateId,
      connected: true,
    });
    expect(runtime.sessions).toHaveLength(1);
    expect(log.entries.some((e) => e.event === 'production.refused')).toBe(false);
  });

  // A crash is a stop inside the log line that announces the persisted state: the step's actions
  // never start, exactly what a power cut after the state write leaves behind.
  const crashPoints: [string, (entry: LogEntry) => boolean][] = [
    ...[
      'generatingKey',
      'connectingClaim',
      'requestingCertificate',
      'registeringThing',
      'switching',
      'committing',
    ].map((stepName): [string, (entry: LogEntry) => boolean] => [
      stepName,
      (e) => e.event === 'rotation.state' && e.fields?.['step'] === stepName,
    ]),
    // Committed (the old certificate is INACTIVE) but the old slot not yet deleted.
    [
      'committed',
      (e) =>
        e.event === 'rotation.state' &&
        e.fields?.['phase'] === 'operating' &&
        e.fields['event'] === 'commitAccepted',
    ],
  ];

  it.each(crashPoints)(
    'resumes after a crash in %s and ends with one active certificate',
    async (stepName, atCrashPoint) => {
      const serial = `C-${stepName}`;
      const config = configFor(serial);
      const first = createTestLogger({ echo: process.env['ECHO'] === '1', prefix: 'A ' });
      const one = await boot(fleet, config, first);
      await first.waitFor(settled(one.device));
      const old = one.device.status().certificateId;
      const oldSlots = slotsOf(config.paths.stateDir);
      expect(oldSlots).toHaveLength(1);
      let crashed: Promise<void> | undefined;
      let atCrash: DeviceStatus | undefined;
      first.onLine((entry) => {
        if (crashed === undefined && atCrashPoint(entry)) {
          atCrash = one.device.status();
          crashed = one.device.stop();
        }
      });

      const mark = first.mark();
      fleet.clock.advance(DUE_AFTER_MS);
      await first.waitFor(atCrashPoint, 20_000, mark);
      await crashed;
      // The crash came before the old slot's deletion could start.
      expect(slotsOf(config.paths.stateDir)).toEqual(expect.arrayContaining(oldSlots));

      const log = createTestLogger({ echo: process.env['ECHO'] === '1', prefix: 'B ' });
      const two = await boot(fleet, config, log);
      running.push(two.device);
      if (stepName === 'committed') {
        // Nothing left to renew: the committed certificate connects, the old slot is deleted.
        await log.waitFor(settled(two.device, old));
        expect(two.device.status().certificateId).toBe(atCrash?.certificateId);
      } else {
        await log.waitFor(
          (e) => e.event === 'rotation.renewed' || e.event === 'rotation.recovered',
        );
        await log.waitFor(settled(two.device, old));
      }

      const current = two.device.status().certificateId ?? '';
      expect(two.device.status().connected).toBe(true);
      expect(await fleet.certificatesOf(fleet.thingName(serial))).toEqual([
        { certificateId: current, status: 'ACTIVE' },
      ]);
      const oldDescription = await fleet.iot.send(
        new DescribeCertificateCommand({ certificateId: old ?? '' }),
      );
      expect(oldDescription.certificateDescription?.status).toBe('INACTIVE');
      // Done: the store holds only the current slot (old and abandoned slots deleted).
      await log.waitFor(() => slotsOf(config.paths.stateDir).length === 1);
      const [slot = ''] = slotsOf(config.paths.stateDir);
      const pem = await readFile(
        join(config.paths.stateDir, 'slots', slot, 'certificate.pem'),
        'utf8',
      );
      expect(certificateId(pem)).toBe(current);
    },
  );
});
