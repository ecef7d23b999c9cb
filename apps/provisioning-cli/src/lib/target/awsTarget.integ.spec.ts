import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, startCliTestCloud, type CliTestCloud } from '../../testing/startCliTestCloud.js';

/**
 * The AWS target (no `--local`): the standard credential chain with a named profile from the
 * shared files, the region from `--region` or the profile, DescribeEndpoint iot:Data-ATS and the
 * account id read from an existing ARN. The local cloud stands in for AWS through
 * AWS_ENDPOINT_URL_IOT, the SDK's service-specific endpoint setting.
 */
describe('the AWS target through a named profile', () => {
  let t: CliTestCloud;
  let saved: NodeJS.ProcessEnv;

  beforeAll(async () => {
    t = await startCliTestCloud();
    expect((await t.amrctl(['setup'])).code).toBe(0);
    saved = { ...process.env };
    for (const key of Object.keys(process.env)) {
      if (key.startsWith('AWS_')) delete process.env[key];
    }
    const { accessKeyId, secretAccessKey } = t.cloud.endpoints.controlPlaneCredentials;
    const credentialsFile = join(t.workDir, 'credentials');
    const configFile = join(t.workDir, 'config');
    await writeFile(
      credentialsFile,
      `[amr-integrator]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`,
    );
    await writeFile(
      configFile,
      `[profile amr-integrator]\nregion = ${t.cloud.endpoints.region}\n[profile no-region]\n`,
    );
    Object.assign(process.env, {
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_CONFIG_FILE: configFile,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL_IOT: t.cloud.endpoints.controlPlaneUrl,
    });
  });
  afterAll(async () => {
    process.env = saved;
    await t.close();
  });

  it('reads the fleet with --profile and --region, the account from the template ARN', async () => {
    const result = await runCli([
      '--profile',
      'amr-integrator',
      '--region',
      t.cloud.endpoints.region,
      'setup',
      '--provisioning-role-arn',
      'arn:aws:iam::000000000000:role/amr-fleet-provisioning',
      '--json',
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(result.stdout) as { resources: { action: string }[] };
    expect(report.resources.map((r) => r.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it('takes the region from the profile, and says so when neither gives one', async () => {
    const things = await runCli(['--profile', 'amr-integrator', 'things', 'list', '--json']);
    expect(things).toMatchObject({ code: 0, stderr: '' });
    const none = await runCli(['--profile', 'no-region', 'things', 'list']);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/^amrctl: No AWS region: pass --region/u);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('finds the data endpoint with DescribeEndpoint iot:Data-ATS (doctor)', async () => {
    const doctor = await runCli(['--profile', 'amr-integrator', 'doctor', '--json']);
    const report = JSON.parse(doctor.stdout) as {
      checks: { name: string; ok: boolean; detail?: string }[];
    };
    expect(report.checks.find((c) => c.name === 'credentials')).toMatchObject({
      ok: true,
      detail: expect.stringContaining('profile amr-integrator') as string,
    });
    // AWS's data endpoint listens on 8883; the stand-in answers DescribeEndpoint with its host.
    expect(report.checks.find((c) => c.name === 'data endpoint reachable')?.detail).toMatch(
      new RegExp(`^${t.cloud.endpoints.iotEndpoint.replace(/\./gu, '\\.')}:8883`, 'u'),
    );
  });

  it('an unknown profile is one line and exit 1', async () => {
    const result = await runCli([
      '--profile',
      'nobody',
      '--region',
      'ap-northeast-1',
      'things',
      'list',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^amrctl: CredentialsProviderError: .*--profile/u);
  });
});
