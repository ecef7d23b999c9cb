import { chmod, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ListCertificatesCommand } from '@aws-sdk/client-iot';
import { createStubRuntime } from '../../testing/createStubRuntime.js';
import { createTestLogger, type TestLogger } from '../../testing/createTestLogger.js';
import { startTestFleet, type TestFleet } from '../../testing/startTestFleet.js';
import type { DeviceConfig } from '../config/schemas.js';
import { startDevice, type DeviceHandle } from './startDevice.js';

jest.setTimeout(60_000);

const synchronized = { clockSynchronized: () => Promise.resolve(true) };

async function boot(fleet: TestFleet, config: DeviceConfig, log: TestLogger) {
  const runtime = createStubRuntime();
  const device = await startDevice({
    config,
    runtime,
    clock: fleet.clock,
    log,
    probes: synchronized,
    timerClampMs: 100,
  });
  return { device, runtime };
}

function operating(device: DeviceHandle) {
  return (entry: { event: string }) =>
    (entry.event === 'production.connected' || entry.event === 'rotation.state') &&
    device.status().rotationState === 'operating' &&
    device.status().connected;
}

describe('boot', () => {
  let fleet: TestFleet;
  const running: DeviceHandle[] = [];

  beforeAll(async () => {
    fleet = await startTestFleet();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((d) => d.stop()));
  });
  afterAll(async () => {
    await fleet.close();
  });

  it.each(['csr', 'createKeysAndCertificate'] as const)(
    'first boot provisions by claim with %s, then connects as the thing',
    async (method) => {
      const serial = method === 'csr' ? '001' : '002';
      const config = fleet.deviceConfig(serial, {
        provisioning: { templateName: 'amr-fleet', method },
      });
      const log = createTestLogger();
      const { device, runtime } = await boot(fleet, config, log);
      running.push(device);
      await log.waitFor(operating(device));

      const status = device.status();
      expect(status.thingName).toBe(fleet.thingName(serial));
      expect(status.certificateId).toMatch(/^[0-9a-f]{64}$/);
      expect(status.notAfter).toBeGreaterThan(fleet.clock.now());
      expect(runtime.sessions).toHaveLength(1);
      expect(runtime.sessions[0]?.thingName).toBe(fleet.thingName(serial));
      expect(runtime.sessions[0]?.certificateId).toBe(status.certificateId);
      expect(await fleet.certificatesOf(fleet.thingName(serial))).toEqual([
        { certificateId: status.certificateId, status: 'ACTIVE' },
      ]);
      const slots = join(config.paths.stateDir, 'slots');
      const slotDir = join(slots, 'production-1');
      expect((await stat(slotDir)).mode & 0o777).toBe(0o700);
      expect((await stat(join(slotDir, 'private.key'))).mode & 0o777).toBe(0o600);
      expect(log.entries.some((e) => e.event === 'provisioning.thingRegistered')).toBe(true);
    },
  );

  it('retries provisioning with backoff when the pre-provisioning hook refuses, then succeeds', async () => {
    const serial = '004';
    const calls: string[] = [];
    fleet.interceptHook((input, next) => {
      calls.push(input.certificateId);
      // The first RegisterThing is refused (AWS answers 403 AccessDenied), the next one allowed.
      return calls.length === 1 ? Promise.resolve({ allowProvisioning: false }) : next(input);
    });
    try {
      const config = fleet.deviceConfig(serial);
      const log = createTestLogger();
      const { device } = await boot(fleet, config, log);
      running.push(device);
      const refused = await log.waitFor((e) => e.event === 'provisioning.registerFailed');
      expect(refused.message).toContain('ACCESS_DENIED');
      const failed = await log.waitFor((e) => e.event === 'rotation.attemptFailed');
      expect(failed.message).toMatch(/retrying in/);
      await log.waitFor((e) => e.event === 'rotation.recovered');
      await log.waitFor(operating(device));

      expect(calls).toHaveLength(2);
      // A fresh key and certificate for the second attempt; the refused one stays unattached.
      expect(calls[1]).not.toBe(calls[0]);
      const status = device.status();
      expect(status.certificateId).toBe(calls[1]);
      expect(await fleet.certificatesOf(fleet.thingName(serial))).toEqual([
        { certificateId: calls[1], status: 'ACTIVE' },
      ]);
      const order = log.entries.map((e) => e.event);
      expect(order.indexOf('rotation.attemptFailed')).toBeLessThan(
        order.indexOf('rotation.recovered'),
      );
    } finally {
      fleet.interceptHook(undefined);
    }
  });

  it('warns about a claim key open to its group (chmod 0640) and still starts', async () => {
    const config = fleet.deviceConfig('005');
    await chmod(config.paths.claimPrivateKey, 0o640);
    try {
      const log = createTestLogger();
      const { device } = await boot(fleet, config, log);
      running.push(device);
      const warning = await log.waitFor((e) => e.event === 'claim.keyPermissions');
      expect(warning.level).toBe('warn');
      expect(warning.message).toContain('has mode 0640, expected 0600');
      await log.waitFor(operating(device));
    } finally {
      await chmod(config.paths.claimPrivateKey, 0o600);
    }
  });

  it('second boot reuses the production certificate without provisioning', async () => {
    const config = fleet.deviceConfig('003');
    const first = createTestLogger();
    const one = await boot(fleet, config, first);
    await first.waitFor(operating(one.device));
    const certificateId = one.device.status().certificateId;
    await one.device.stop();
    expect(one.runtime.detaches).toEqual([true]);
    const { certificates: before = [] } = await fleet.iot.send(new ListCertificatesCommand({}));

    const second = createTestLogger();
    const two = await boot(fleet, config, second);
    running.push(two.device);
    await second.waitFor(operating(two.device));

    expect(two.device.status().certificateId).toBe(certificateId);
    expect(second.entries.some((e) => e.event.startsWith('claim.'))).toBe(false);
    const { certificates: after = [] } = await fleet.iot.send(new ListCertificatesCommand({}));
    expect(after.length).toBe(before.length);
  });

  it('keeps working with its certificate on an untrusted clock and judges it once the clock is synchronised', async () => {
    const config = fleet.deviceConfig('004', {
      clock: { requireSynchronized: false, recheckIntervalMs: 100 },
    });
    const first = createTestLogger();
    const one = await boot(fleet, config, first);
    await first.waitFor(operating(one.device));
    const certificateId = one.device.status().certificateId;
    await one.device.stop();

    // A robot without a real-time clock boots in 1970 before NTP answers.
    let synchronised = false;
    const clock = { now: () => (synchronised ? fleet.clock.now() : Date.UTC(1970, 0, 1)) };
    const log = createTestLogger();
    const runtime = createStubRuntime();
    const device = await startDevice({
      config,
      runtime,
      clock,
      log,
      probes: { clockSynchronized: () => Promise.resolve(synchronised) },
      timerClampMs: 100,
    });
    running.push(device);
    await log.waitFor(() => device.status().connected);
    expect(device.status()).toMatchObject({ rotationState: 'clockUntrusted', certificateId });
    expect(log.entries.some((e) => e.event === 'clock.untrusted')).toBe(true);
    // Nothing judged on a wrong clock: no provisioning, no certificate thrown away.
    expect(log.entries.some((e) => e.event.startsWith('claim.'))).toBe(false);

    synchronised = true;
    await log.waitFor((e) => e.event === 'clock.synchronized');
    await log.waitFor(() => device.status().rotationState === 'operating');
    expect(device.status()).toMatchObject({ certificateId, connected: true });
    expect(runtime.sessions).toHaveLength(1);
  });
});
