import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-iot';
import { parseDeviceConfig, systemdUnit, type DeviceConfigInput } from '@iot-gateway-net/device';
import { runCli, startCliTestCloud, type CliTestCloud } from '../../testing/startCliTestCloud.js';
import { startKittedRobot } from '../../testing/startKittedRobot.js';

describe('kit', () => {
  let t: CliTestCloud;

  async function certificateCount(): Promise<number> {
    return (
      (await t.iot.send(new ListCertificatesCommand({ pageSize: 250 }))).certificates?.length ?? 0
    );
  }

  beforeAll(async () => {
    t = await startCliTestCloud();
    expect((await t.amrctl(['setup'])).code).toBe(0);
  });
  afterAll(() => t.close());

  it('writes a complete bundle with the key 0600 and a config the daemon accepts', async () => {
    const result = await t.amrctl(['kit', '001', '--out', 'usb', '--json']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const bundleDir = join(t.workDir, 'usb', '001');
    expect(JSON.parse(result.stdout)).toMatchObject({
      bundles: [{ serial: '001', thingName: 'AMR-001', bundleDir }],
      errors: [],
    });
    expect((await readdir(bundleDir)).sort()).toEqual([
      'README.txt',
      'amr-daemon.service',
      'claim.cert.pem',
      'claim.private.key',
      'config.json',
      'root-ca.pem',
    ]);
    expect((await stat(join(bundleDir, 'claim.private.key'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(bundleDir, 'root-ca.pem'), 'utf8')).toBe(
      await readFile(t.cloud.endpoints.rootCaPath, 'utf8'),
    );
    const config = parseDeviceConfig(
      JSON.parse(await readFile(join(bundleDir, 'config.json'), 'utf8')),
      { baseDir: bundleDir },
    );
    expect(config).toMatchObject({
      serialNumber: '001',
      thingName: 'AMR-001',
      endpoint: { host: t.cloud.endpoints.iotEndpoint, port: t.cloud.endpoints.mqttsPort },
      provisioning: { templateName: 'amr-fleet', method: 'csr' },
      paths: { claimPrivateKey: join(bundleDir, 'claim.private.key') },
    });
    // The same unit the packaged install (npm run pack:daemon) uses, naming this robot.
    expect(await readFile(join(bundleDir, 'amr-daemon.service'), 'utf8')).toBe(
      systemdUnit({ robot: '001' }),
    );
    expect(await readFile(join(bundleDir, 'README.txt'), 'utf8')).toContain(
      'amrctl thing show AMR-001',
    );
    // Nothing but the bundle is left in the output directory.
    expect(await readdir(join(t.workDir, 'usb'))).toEqual(['001']);
  });

  it('refuses an existing bundle without --force and creates nothing', async () => {
    const before = await certificateCount();
    const again = await t.amrctl(['kit', '001', '--out', 'usb']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^amrctl: Bundle ".*usb\/001" already exists; pass --force to replace it\n$/u,
    );
    expect(await certificateCount()).toBe(before);
  });

  it('an unreachable endpoint writes nothing, not even --out, and bulk kitting stops at once', async () => {
    const endpoints = JSON.parse(
      await readFile(join(t.dataDir, 'endpoints.json'), 'utf8'),
    ) as Record<string, unknown>;
    const dead = join(t.workDir, 'dead-cloud');
    await mkdir(dead);
    await writeFile(
      join(dead, 'endpoints.json'),
      JSON.stringify({ ...endpoints, controlPlaneUrl: 'http://127.0.0.1:1' }),
    );
    const csv = join(t.workDir, 'dead.csv');
    await writeFile(csv, 'serial\n201\n202\n203\n');
    const before = await certificateCount();

    const single = await runCli([
      '--local',
      dead,
      'kit',
      '201',
      '--out',
      join(t.workDir, 'usb-dead'),
    ]);
    expect(single.code).toBe(1);
    expect(single.stderr).toMatch(/^amrctl: Cannot reach the endpoint \(ECONNREFUSED\)/u);
    expect(single.stderr.trim().split('\n')).toHaveLength(1);

    const bulk = await runCli([
      '--local',
      dead,
      'kit',
      '--csv',
      csv,
      '--out',
      join(t.workDir, 'usb-dead'),
    ]);
    expect(bulk.code).toBe(1);
    expect(bulk.stdout).toBe('');
    expect(bulk.stderr).toMatch(/^amrctl: Cannot reach the endpoint \(ECONNREFUSED\)/u);
    expect(bulk.stderr.trim().split('\n')).toHaveLength(1);

    await expect(stat(join(t.workDir, 'usb-dead'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await certificateCount()).toBe(before);
  });

  it('--force replaces the bundle and deactivates its old claim', async () => {
    const bundleDir = join(t.workDir, 'usb', '001');
    const oldPem = await readFile(join(bundleDir, 'claim.cert.pem'), 'utf8');
    const result = await t.amrctl(['kit', '001', '--out', 'usb', '--force', '--json']);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as {
      bundles: { claimCertificateId: string; replacedClaimCertificateId: string }[];
    };
    const [bundle] = out.bundles;
    expect(await readFile(join(bundleDir, 'claim.cert.pem'), 'utf8')).not.toBe(oldPem);
    const old = await t.iot.send(
      new DescribeCertificateCommand({ certificateId: bundle?.replacedClaimCertificateId }),
    );
    expect(old.certificateDescription?.status).toBe('INACTIVE');
    expect(await readdir(join(t.workDir, 'usb'))).toEqual(['001']);
  });

  it('kits a CSV: bad rows reported with line numbers, the others still kitted', async () => {
    await writeFile(
      join(t.workDir, 'serials.csv'),
      ['serial,note', '010,first', 'bad serial,x', '', '# comment', '011', '010', '001'].join('\n'),
    );
    const before = await certificateCount();
    const result = await t.amrctl(['kit', '--csv', 'serials.csv', '--out', 'usb', '--json']);
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as {
      bundles: { serial: string }[];
      errors: { line: number; message: string }[];
    };
    expect(out.bundles.map((b) => b.serial)).toEqual(['010', '011']);
    expect(out.errors).toEqual([
      { line: 3, message: expect.stringContaining('Unexpected serial "bad serial"') as string },
      { line: 7, message: 'duplicate serial "010" (first on line 2)' },
      {
        line: 8,
        serial: '001',
        message: expect.stringContaining('already exists; pass --force') as string,
      },
    ]);
    expect(result.stderr).toBe(
      'amrctl: kit: 3 row(s) failed, 2 bundle(s) written (line 3, line 7, line 8)\n',
    );
    // Exactly one claim certificate per kitted robot, none for refused rows.
    expect(await certificateCount()).toBe(before + 2);
    expect((await readdir(join(t.workDir, 'usb'))).sort()).toEqual(['001', '010', '011']);

    const human = await t.amrctl(['kit', '--csv', 'serials.csv', '--out', 'usb2'], { isTTY: true });
    expect(human.stdout).toContain('3 kitted, 2 failed');
    expect(human.stderr).toContain('[########################] 3/3');
  });

  it('bad input: no --out, both serial and --csv, missing CSV, bad serial', async () => {
    expect((await t.amrctl(['kit', '001'])).code).toBe(2);
    expect((await t.amrctl(['kit', '001', '--csv', 'x.csv', '--out', 'o'])).code).toBe(2);
    const missing = await t.amrctl(['kit', '--csv', 'nope.csv', '--out', 'o']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('Cannot read CSV');
    const bad = await t.amrctl(['kit', '../x', '--out', 'o']);
    expect(bad.code).toBe(2);
  });

  it('a kitted robot boots, provisions, and after a key leak comes back through its claim', async () => {
    expect((await t.amrctl(['kit', '020', '--out', 'e2e', '--state-dir', 'state'])).code).toBe(0);
    const robot = await startKittedRobot(join(t.workDir, 'e2e', '020'));
    try {
      const first = await robot.session(1);
      expect(first.thingName).toBe('AMR-020');
      const shown = await t.amrctl(['thing', 'show', 'AMR-020', '--json']);
      expect(JSON.parse(shown.stdout)).toMatchObject({
        thingName: 'AMR-020',
        attributes: { serialNumber: '020' },
        certificates: [
          { certificateId: first.certificateId, status: 'ACTIVE', policies: ['amr-device'] },
        ],
      });

      const leak = await t.amrctl(['runbook', 'key-leak', 'AMR-020']);
      expect(leak.code).toBe(0);
      const second = await robot.session(2, 60_000);
      expect(second.thingName).toBe('AMR-020');
      expect(second.certificateId).not.toBe(first.certificateId);
      const after = JSON.parse((await t.amrctl(['thing', 'show', 'AMR-020', '--json'])).stdout) as {
        certificates: { certificateId: string; status: string }[];
      };
      expect(after.certificates).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ certificateId: first.certificateId, status: 'INACTIVE' }),
          expect.objectContaining({ certificateId: second.certificateId, status: 'ACTIVE' }),
        ]),
      );
    } finally {
      await robot.stop();
    }
  }, 90_000);

  it('a trusted-user claim provisions a robot within its 5 minutes', async () => {
    const claimed = await t.amrctl(['claim', 'trusted-user', '--out', 'tu', '--json']);
    expect(claimed.code).toBe(0);
    const { expiresAt } = JSON.parse(claimed.stdout) as { expiresAt: string };
    const dir = join(t.workDir, 'tu');
    await copyFile(t.cloud.endpoints.rootCaPath, join(dir, 'root-ca.pem'));
    const config: DeviceConfigInput = {
      endpoint: { host: t.cloud.endpoints.iotEndpoint, port: t.cloud.endpoints.mqttsPort },
      serialNumber: 'TU1',
      provisioning: { templateName: 'amr-fleet' },
      paths: {
        rootCa: 'root-ca.pem',
        claimCertificate: 'claim.cert.pem',
        claimPrivateKey: 'claim.private.key',
        stateDir: 'state',
      },
    };
    await writeFile(join(dir, 'config.json'), JSON.stringify(config));
    const robot = await startKittedRobot(dir);
    try {
      const session = await robot.session(1);
      expect(session.thingName).toBe('AMR-TU1');
      expect(Date.now()).toBeLessThan(Date.parse(expiresAt));
    } finally {
      await robot.stop();
    }
  }, 60_000);
});
