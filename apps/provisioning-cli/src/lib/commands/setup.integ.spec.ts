import { X509Certificate } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DescribeCertificateCommand,
  DescribeProvisioningTemplateCommand,
  ListAttachedPoliciesCommand,
  ListCertificatesCommand,
} from '@aws-sdk/client-iot';
import { parseCertificate } from '@iot-gateway-net/pki';
import { startCliTestCloud, type CliTestCloud } from '../../testing/startCliTestCloud.js';

describe('setup and claim credentials', () => {
  let t: CliTestCloud;
  beforeAll(async () => {
    t = await startCliTestCloud();
  });
  afterAll(() => t.close());

  it('setup creates the template and policies, and a second run changes nothing', async () => {
    const first = await t.amrctl(['setup', '--json']);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as { resources: { name: string; action: string }[] };
    expect(report.resources.map((r) => [r.name, r.action])).toEqual([
      ['amr-device', 'created'],
      ['amr-claim', 'created'],
      ['amr-fleet', 'created'],
    ]);
    const template = await t.iot.send(
      new DescribeProvisioningTemplateCommand({ templateName: 'amr-fleet' }),
    );
    expect(template.enabled).toBe(true);

    const second = await t.amrctl(['setup']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing to change');
    expect(second.stdout).not.toMatch(/created|updated/u);

    // On a terminal, progress over the three resources goes to stderr; --json stdout is the same.
    const tty = await t.amrctl(['setup', '--json'], { isTTY: true });
    expect(tty.code).toBe(0);
    expect(JSON.parse(tty.stdout)).toEqual(
      JSON.parse((await t.amrctl(['setup', '--json'])).stdout),
    );
    expect(tty.stderr).toMatch(/^\r\[\.{24}\] 0\/3 /u);
    expect(tty.stderr).toMatch(/\r\[#{8}\.{16}\] 1\/3 amr-device unchanged/u);
    expect(tty.stderr).toMatch(/\r\[#{24}\] 3\/3 amr-fleet unchanged/u);
    expect(tty.stderr.endsWith('\r')).toBe(true);
    // Not on a terminal: nothing on stderr.
    expect((await t.amrctl(['setup'])).stderr).toBe('');
  });

  it('setup keeps an existing pre-provisioning hook unless --remove-pre-provisioning-hook is given', async () => {
    const hookArn = 'arn:aws:lambda:ap-northeast-1:000000000000:function:amr-pre-provisioning-hook';
    const hookOf = async () =>
      (await t.iot.send(new DescribeProvisioningTemplateCommand({ templateName: 'amr-fleet' })))
        .preProvisioningHook?.targetArn;

    const withHook = await t.amrctl(['setup', '--pre-provisioning-hook-arn', hookArn, '--json']);
    expect(withHook.code).toBe(0);
    expect(JSON.parse(withHook.stdout).resources[2]).toMatchObject({
      name: 'amr-fleet',
      action: 'updated',
      detail: 'preProvisioningHook',
    });
    expect(await hookOf()).toBe(hookArn);

    const without = await t.amrctl(['setup']);
    expect(without.code).toBe(0);
    expect(without.stdout).toContain('Nothing to change');
    expect(await hookOf()).toBe(hookArn);

    const both = await t.amrctl([
      'setup',
      '--pre-provisioning-hook-arn',
      hookArn,
      '--remove-pre-provisioning-hook',
    ]);
    expect(both.code).not.toBe(0);
    expect(both.stderr.trim().split('\n')).toHaveLength(1);
    expect(both.stderr).toContain('not both');
    expect(await hookOf()).toBe(hookArn);

    const removed = await t.amrctl(['setup', '--remove-pre-provisioning-hook', '--json']);
    expect(removed.code).toBe(0);
    expect(JSON.parse(removed.stdout).resources[2]).toMatchObject({
      action: 'updated',
      detail: 'preProvisioningHook (removed)',
    });
    expect(await hookOf()).toBeUndefined();
    expect((await t.amrctl(['setup'])).stdout).toContain('Nothing to change');
  });

  it('claim create writes a per-robot 20-year claim with the claim policy, key 0600', async () => {
    const now = new Date();
    const result = await t.amrctl(['claim', 'create', '001', '--out', 'c1', '--json'], { now });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const out = JSON.parse(result.stdout) as {
      certificateId: string;
      certificateArn: string;
      commonName: string;
      privateKeyPath: string;
      certificatePath: string;
    };
    expect(out.commonName).toBe('device-claim:001');
    expect((await stat(out.privateKeyPath)).mode & 0o777).toBe(0o600);
    const pem = await readFile(out.certificatePath, 'utf8');
    const cert = parseCertificate(pem);
    expect(cert.commonName).toBe('device-claim:001');
    expect(Math.round((cert.notAfter.getTime() - cert.notBefore.getTime()) / 86_400_000)).toBe(
      7300,
    );
    const described = await t.iot.send(
      new DescribeCertificateCommand({ certificateId: out.certificateId }),
    );
    expect(described.certificateDescription?.status).toBe('ACTIVE');
    // The registered certificate itself is the self-signed 20-year claim of design 12.1.
    const registered = new X509Certificate(described.certificateDescription?.certificatePem ?? '');
    expect(registered.issuer).toBe(registered.subject);
    expect(registered.subject).toBe('CN=device-claim:001');
    expect(registered.verify(registered.publicKey)).toBe(true);
    const years =
      (Date.parse(registered.validTo) - Date.parse(registered.validFrom)) / (365.25 * 86_400_000);
    expect(years).toBeGreaterThan(19.9);
    expect(years).toBeLessThan(20.1);
    const policies = await t.iot.send(
      new ListAttachedPoliciesCommand({ target: out.certificateArn }),
    );
    expect(policies.policies?.map((p) => p.policyName)).toEqual(['amr-claim']);
    expect(result.stdout).not.toContain('PRIVATE KEY');
  });

  it('claim create refuses to overwrite and creates nothing then', async () => {
    const before = (await t.iot.send(new ListCertificatesCommand({}))).certificates?.length;
    const again = await t.amrctl(['claim', 'create', '001', '--out', 'c1']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^amrctl: ".*c1\/claim\.private\.key" already exists; pass --force to replace it\n$/u,
    );
    expect((await t.iot.send(new ListCertificatesCommand({}))).certificates?.length).toBe(before);
  });

  it('claim create --shared warns; a serial and --shared together are a usage error', async () => {
    const shared = await t.amrctl(['claim', 'create', '--shared', '--out', 'shared']);
    expect(shared.code).toBe(0);
    expect(shared.stderr).toContain('warning: a shared claim certificate serves every robot');
    expect(shared.stdout).toContain('CN           device-claim\n');
    const both = await t.amrctl(['claim', 'create', '002', '--shared']);
    expect(both.code).toBe(2);
    const bad = await t.amrctl(['claim', 'create', 'a b']);
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toContain('Unexpected serial "a b"');
  });

  it('claim trusted-user writes a claim that expires in 5 minutes', async () => {
    const now = new Date();
    const result = await t.amrctl(['claim', 'trusted-user', '--out', 'tu', '--json'], { now });
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as {
      expiresAt: string;
      secondsLeft: number;
      privateKeyPath: string;
    };
    expect(out.secondsLeft).toBeGreaterThan(280);
    expect(out.secondsLeft).toBeLessThanOrEqual(300);
    expect((await stat(out.privateKeyPath)).mode & 0o777).toBe(0o600);
    const human = await t.amrctl(['claim', 'trusted-user', '--out', 'tu2'], { now });
    expect(human.stdout).toMatch(/in [45] min/u);
  });

  it('an unreachable local cloud is one line and exit 1', async () => {
    const endpoints = JSON.parse(
      await readFile(join(t.dataDir, 'endpoints.json'), 'utf8'),
    ) as Record<string, unknown>;
    const dead = join(t.workDir, 'dead');
    await import('node:fs/promises').then((fs) => fs.mkdir(dead));
    await writeFile(
      join(dead, 'endpoints.json'),
      JSON.stringify({ ...endpoints, controlPlaneUrl: 'http://127.0.0.1:1' }),
    );
    const { runCli } = await import('../../testing/startCliTestCloud.js');
    const result = await runCli(['--local', dead, 'things', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^amrctl: Cannot reach the endpoint \(ECONNREFUSED\)/u);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    const missing = await runCli(['--local', join(t.workDir, 'nowhere'), 'things', 'list']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No local cloud at');
  });

  it('missing AWS credentials are one clear line and exit 1', async () => {
    const saved = { ...process.env };
    const nowhere = join(t.workDir, 'no-such-aws');
    for (const key of Object.keys(process.env)) {
      if (key.startsWith('AWS_')) delete process.env[key];
    }
    Object.assign(process.env, {
      AWS_CONFIG_FILE: join(nowhere, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(nowhere, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    try {
      const { runCli } = await import('../../testing/startCliTestCloud.js');
      const result = await runCli(['--region', 'ap-northeast-1', 'things', 'list']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^amrctl: CredentialsProviderError: .*; configure AWS credentials/u,
      );
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      const noRegion = await runCli(['things', 'list']);
      expect(noRegion.code).toBe(1);
      expect(noRegion.stderr).toContain('No AWS region');
    } finally {
      process.env = saved;
    }
  });
});
