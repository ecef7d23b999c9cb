import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { IoTClient, ListCertificatesCommand } from '@aws-sdk/client-iot';
import { startLocalStack, type LocalStack } from './startLocalStack.js';

// `npm start` end to end on ephemeral ports: the fleet provisions itself by claim on the first run
// and comes back with the same production certificates on the second.

jest.setTimeout(120_000);

async function waitFor<T>(
  what: string,
  probe: () => T | undefined,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function certificateCount(stack: LocalStack): Promise<number> {
  const e = stack.cloud.endpoints;
  const iot = new IoTClient({
    endpoint: e.controlPlaneUrl,
    region: e.region,
    credentials: { ...e.controlPlaneCredentials },
  });
  try {
    const page = await iot.send(new ListCertificatesCommand({ pageSize: 100 }));
    return page.certificates?.length ?? 0;
  } finally {
    iot.destroy();
  }
}

describe('startLocalStack', () => {
  let dataDir: string;
  let stack: LocalStack | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'local-stack-'));
  });

  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('provisions the fleet by claim, then reuses the production certificates on the next run', async () => {
    stack = await startLocalStack({ dataDir, count: 2, heartbeatIntervalMs: 300 });
    expect(stack.setupLines).toEqual([
      'policy amr-device: created',
      'policy amr-claim: created',
      'provisioningTemplate amr-fleet: created',
    ]);
    expect(stack.robots.map((robot) => [robot.serial, robot.claimCreated])).toEqual([
      ['001', true],
      ['002', true],
    ]);
    // Claim keys are secrets on the robot's SD card: 0600.
    const keyMode = (await stat(path.join(dataDir, 'fleet', '001', 'claim.private.key'))).mode;
    expect(keyMode & 0o777).toBe(0o600);

    const first = await waitFor('both robots operating with heartbeats', () => {
      const rows = stack!.rows();
      return rows.every(
        (row) =>
          row.connected &&
          row.phase === 'operating' &&
          row.lastHeartbeatAt !== undefined &&
          row.robotState !== undefined,
      )
        ? rows
        : undefined;
    });
    expect(first.map((row) => row.thingName)).toEqual(['AMR-001', 'AMR-002']);
    const certificates = first.map((row) => row.certificateId);
    expect(certificates.every((id) => /^[0-9a-f]{64}$/.test(id ?? ''))).toBe(true);
    // Two claim certificates + two production certificates.
    expect(await certificateCount(stack)).toBe(4);
    await stack.stop();

    stack = await startLocalStack({ dataDir, count: 2, heartbeatIntervalMs: 300 });
    expect(stack.setupLines.every((line) => line.endsWith(': unchanged'))).toBe(true);
    expect(stack.robots.map((robot) => robot.claimCreated)).toEqual([false, false]);
    const second = await waitFor('both robots back online', () => {
      const rows = stack!.rows();
      return rows.every((row) => row.connected && row.lastHeartbeatAt !== undefined)
        ? rows
        : undefined;
    });
    expect(second.map((row) => row.certificateId)).toEqual(certificates);
    expect(await certificateCount(stack)).toBe(4);
  });
});
