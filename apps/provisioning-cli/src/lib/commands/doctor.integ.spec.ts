import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createTestPki } from '@iot-gateway-net/pki/testing';
import { DOCTOR_CHECK_COUNT } from '../doctor/constants.js';
import { runCli, startCliTestCloud, type CliTestCloud } from '../../testing/startCliTestCloud.js';

interface DoctorReport {
  checks: { name: string; ok: boolean; detail?: string; hint?: string }[];
}

describe('doctor failures', () => {
  let t: CliTestCloud;
  beforeAll(async () => {
    t = await startCliTestCloud();
  });
  afterAll(() => t.close());

  /** A copy of the cloud's endpoints.json with some fields changed, as its own `--local` dir. */
  async function localDir(name: string, change: Record<string, unknown>): Promise<string> {
    const endpoints = JSON.parse(
      await readFile(join(t.dataDir, 'endpoints.json'), 'utf8'),
    ) as Record<string, unknown>;
    const dir = join(t.workDir, name);
    await mkdir(dir);
    await writeFile(join(dir, 'endpoints.json'), JSON.stringify({ ...endpoints, ...change }));
    return dir;
  }

  function failed(report: DoctorReport): string[] {
    return report.checks.filter((check) => !check.ok).map((check) => check.name);
  }

  it('before setup: the template and policies fail with hints, exit 4', async () => {
    const result = await t.amrctl(['doctor']);
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(
      /^FAIL {2}provisioning template +amr-fleet: ResourceNotFoundException/mu,
    );
    expect(result.stdout).toMatch(/^ {6}hint: run "amrctl setup"$/mu);
    expect(result.stdout).toMatch(/^PASS {2}TLS trust/mu);
    expect(result.stdout).toMatch(
      /^PASS {2}MQTTS TLS trust +\S+:\d+ TLSv1\.[23], server certificate trusted with the devices' root CA$/mu,
    );
    expect(result.stderr).toBe('amrctl: doctor: 3 check(s) failed\n');
    const json = await t.amrctl(['doctor', '--json']);
    expect(json.code).toBe(4);
    const report = JSON.parse(json.stdout) as DoctorReport;
    expect(failed(report)).toEqual(['provisioning template', 'policy', 'policy']);
    for (const check of report.checks.filter((c) => !c.ok)) {
      expect(check.hint).toBe('run "amrctl setup"');
    }
    // Once set up, the same checks pass.
    expect((await t.amrctl(['setup'])).code).toBe(0);
    expect((await t.amrctl(['doctor'])).code).toBe(0);
    // On a terminal, progress goes to stderr and --json stdout is unchanged.
    const tty = await t.amrctl(['doctor', '--json'], { isTTY: true });
    expect(tty.code).toBe(0);
    expect((JSON.parse(tty.stdout) as DoctorReport).checks).toHaveLength(DOCTOR_CHECK_COUNT);
    expect(DOCTOR_CHECK_COUNT).toBe(9);
    expect(tty.stderr).toMatch(/\r\[#{24}\] 9\/9 policy/u);
  });

  it('a dead control plane: reachability, clock and credentials fail with hints, exit 4', async () => {
    const dead = await localDir('dead', { controlPlaneUrl: 'http://127.0.0.1:1' });
    const result = await runCli(['--local', dead, 'doctor', '--json']);
    expect(result.code).toBe(4);
    const report = JSON.parse(result.stdout) as DoctorReport;
    expect(failed(report)).toEqual(['control plane reachable', 'clock skew', 'credentials']);
    expect(report.checks[0]).toMatchObject({
      detail: '127.0.0.1:1 (ECONNREFUSED)',
      hint: expect.stringContaining('start the local cloud') as string,
    });
    expect(result.stderr).toBe('amrctl: doctor: 3 check(s) failed\n');
  });

  it("a root CA that is not the endpoint's: TLS trust fails with a hint, exit 4", async () => {
    const pki = await createTestPki({ now: new Date() });
    const caPath = join(t.workDir, 'other-ca.pem');
    await writeFile(caPath, pki.ca.certificatePem);
    const wrong = await localDir('wrong-ca', { rootCaPath: caPath });
    const result = await runCli(['--local', wrong, 'doctor', '--json']);
    expect(result.code).toBe(4);
    const report = JSON.parse(result.stdout) as DoctorReport;
    expect(failed(report)).toEqual(['MQTTS TLS trust', 'TLS trust']);
    expect(report.checks.find((check) => check.name === 'MQTTS TLS trust')).toMatchObject({
      detail: expect.stringMatching(
        /TLSv1\.[23] \((SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)\)$/u,
      ) as string,
      hint: expect.stringContaining('root CA does not match the MQTT endpoint') as string,
    });
    expect(report.checks.find((check) => check.name === 'TLS trust')).toMatchObject({
      detail: expect.stringMatching(
        /\((SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)\)$/u,
      ) as string,
      hint: expect.stringContaining('root CA does not match') as string,
    });
    expect(result.stderr).toBe('amrctl: doctor: 2 check(s) failed\n');
  });

  it('a closed MQTTS port: reachability and MQTTS TLS fail with hints, exit 4', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const dir = await localDir('closed-8883', { mqttsPort: port });
    const result = await runCli(['--local', dir, 'doctor', '--json']);
    expect(result.code).toBe(4);
    const report = JSON.parse(result.stdout) as DoctorReport;
    expect(failed(report)).toEqual(['data endpoint reachable', 'MQTTS TLS trust']);
    expect(report.checks.find((check) => check.name === 'MQTTS TLS trust')).toMatchObject({
      detail: `${t.cloud.endpoints.iotEndpoint}:${port} (ECONNREFUSED)`,
      hint: expect.stringContaining(`robots cannot reach port ${port}`) as string,
    });
    expect(result.stderr).toBe('amrctl: doctor: 2 check(s) failed\n');
  });

  it('--bundle: mutual TLS on the MQTTS port with the bundle’s claim certificate', async () => {
    expect((await t.amrctl(['setup'])).code).toBe(0);
    expect((await t.amrctl(['kit', '001', '--out', 'bundles'])).code).toBe(0);
    const result = await t.amrctl(['doctor', '--bundle', 'bundles/001']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(
      /^PASS {2}MQTTS TLS trust +\S+:\d+ TLSv1\.[23], mutual TLS with the client certificate$/mu,
    );
    const missing = await t.amrctl(['doctor', '--bundle', 'nowhere']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(
      /^amrctl: Cannot read ".*claim\.cert\.pem" \(ENOENT\): --bundle expects/u,
    );
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});
