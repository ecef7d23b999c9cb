import { readFile } from 'node:fs/promises';
import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateThingCommand,
  DescribeCertificateCommand,
  DetachThingPrincipalCommand,
  ListAttachedPoliciesCommand,
  ListThingPrincipalsCommand,
  UpdateCertificateCommand,
  UpdateThingCommand,
} from '@aws-sdk/client-iot';
import mqtt from 'mqtt';
import { startCliTestCloud, type CliTestCloud } from '../../testing/startCliTestCloud.js';

interface Robot {
  thingName: string;
  certificateId: string;
  certificateArn: string;
  certificatePem: string;
  privateKey: string;
}

describe('runbooks, policy check and doctor', () => {
  let t: CliTestCloud;

  async function robot(thingName: string, serial: string): Promise<Robot> {
    await t.iot.send(
      new CreateThingCommand({
        thingName,
        attributePayload: { attributes: { serialNumber: serial } },
      }),
    );
    const cert = await t.iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    await t.iot.send(
      new AttachPolicyCommand({ policyName: 'amr-device', target: cert.certificateArn }),
    );
    await t.iot.send(
      new AttachThingPrincipalCommand({ thingName, principal: cert.certificateArn }),
    );
    return {
      thingName,
      certificateId: cert.certificateId ?? '',
      certificateArn: cert.certificateArn ?? '',
      certificatePem: cert.certificatePem ?? '',
      privateKey: cert.keyPair?.PrivateKey ?? '',
    };
  }

  /** `amrctl runbook renewal-failure <thingName> --reenable <certificateId> [...extra]`. */
  function reenable(
    thingName: string,
    certificateId: string,
    extra: readonly string[] = [],
    options: { now?: Date } = {},
  ): ReturnType<CliTestCloud['amrctl']> {
    return t.amrctl(
      ['runbook', 'renewal-failure', thingName, '--reenable', certificateId, ...extra],
      options,
    );
  }

  async function status(certificateId: string): Promise<string | undefined> {
    return (await t.iot.send(new DescribeCertificateCommand({ certificateId })))
      .certificateDescription?.status;
  }

  async function policiesOf(target: string): Promise<string[]> {
    const page = await t.iot.send(new ListAttachedPoliciesCommand({ target }));
    return (page.policies ?? []).map((policy) => policy.policyName ?? '');
  }

  beforeAll(async () => {
    t = await startCliTestCloud();
    expect((await t.amrctl(['setup'])).code).toBe(0);
  });
  afterAll(() => t.close());

  it('key-leak deactivates the certificate, detaches its policies and disconnects the robot', async () => {
    const r = await robot('AMR-101', '101');
    const e = t.cloud.endpoints;
    const client = await mqtt.connectAsync({
      protocol: 'mqtts',
      host: e.iotEndpoint,
      port: e.mqttsPort,
      clientId: r.thingName,
      protocolVersion: 4,
      reconnectPeriod: 0,
      ca: await readFile(e.rootCaPath),
      cert: r.certificatePem,
      key: r.privateKey,
    });
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    const result = await t.amrctl(['runbook', 'key-leak', 'AMR-101']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(
      `[done] ${r.certificateId}: ACTIVE -> INACTIVE; detached amr-device`,
    );
    expect(result.stdout).toContain('claim certificate');
    await closed;
    expect(await status(r.certificateId)).toBe('INACTIVE');
    expect(await policiesOf(r.certificateArn)).toEqual([]);
    client.end(true);

    const again = await t.amrctl(['runbook', 'key-leak', 'AMR-101']);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('has no ACTIVE certificate');
  });

  it('key-leak --revoke by certificate id revokes; unknown things and certificates exit 3', async () => {
    const r = await robot('AMR-102', '102');
    const result = await t.amrctl(['runbook', 'key-leak', r.certificateId, '--revoke', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      things: ['AMR-102'],
      certificates: [
        {
          certificateId: r.certificateId,
          previousStatus: 'ACTIVE',
          newStatus: 'REVOKED',
          detachedPolicies: ['amr-device'],
        },
      ],
    });
    expect(await status(r.certificateId)).toBe('REVOKED');
    expect((await t.amrctl(['runbook', 'key-leak', 'AMR-404'])).code).toBe(3);
    expect((await t.amrctl(['runbook', 'key-leak', 'f'.repeat(64)])).code).toBe(3);
  });

  it('renewal-failure shows the certificates and re-enables the previous one', async () => {
    const r = await robot('AMR-103', '103');
    // A committed rotation left the old certificate INACTIVE, detached from thing and policy, and
    // recorded it on the thing as previousCertificateId (as the rotation-commit handler does).
    await t.iot.send(
      new UpdateCertificateCommand({ certificateId: r.certificateId, newStatus: 'INACTIVE' }),
    );
    await t.iot.send(
      new UpdateThingCommand({
        thingName: r.thingName,
        attributePayload: { attributes: { previousCertificateId: r.certificateId }, merge: true },
      }),
    );
    await t.iot.send(
      new DetachThingPrincipalCommand({ thingName: r.thingName, principal: r.certificateArn }),
    );
    await t.amrctl(['runbook', 'key-leak', r.certificateId]); // detaches the policy
    const shown = await t.amrctl(['runbook', 'renewal-failure', 'AMR-103']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('No ACTIVE certificate');

    const reenabled = await reenable('AMR-103', r.certificateId, ['--json']);
    expect(reenabled.code).toBe(0);
    expect(JSON.parse(reenabled.stdout)).toMatchObject({
      reenabled: {
        certificateId: r.certificateId,
        previousStatus: 'INACTIVE',
        attachedToThing: true,
        attachedPolicy: 'amr-device',
      },
      thing: {
        certificates: [
          { certificateId: r.certificateId, status: 'ACTIVE', policies: ['amr-device'] },
        ],
      },
    });
    expect(await status(r.certificateId)).toBe('ACTIVE');

    const other = await robot('AMR-104', '104');
    const foreign = await reenable('AMR-103', other.certificateId);
    expect(foreign.code).toBe(4);
    expect(foreign.stderr).toContain('belongs to AMR-104');
    expect((await t.amrctl(['runbook', 'renewal-failure', 'AMR-404'])).code).toBe(3);
  });

  it('renewal-failure --reenable refuses claim, revoked and expired certificates', async () => {
    const r = await robot('AMR-120', '120');
    const created = await t.amrctl(['claim', 'create', '120', '--out', 'claim-120', '--json']);
    const claim = JSON.parse(created.stdout) as { certificateId: string };
    const viaClaim = await reenable('AMR-120', claim.certificateId);
    expect(viaClaim.code).toBe(4);
    expect(viaClaim.stderr).toMatch(/^amrctl: .* is a claim certificate \(policy amr-claim\)/u);
    expect(viaClaim.stderr.trim().split('\n')).toHaveLength(1);
    const principals = await t.iot.send(new ListThingPrincipalsCommand({ thingName: 'AMR-120' }));
    expect(principals.principals).toEqual([r.certificateArn]);
    expect(await status(claim.certificateId)).toBe('ACTIVE');

    await t.amrctl(['runbook', 'key-leak', r.certificateId, '--revoke']);
    const revoked = await reenable('AMR-120', r.certificateId);
    expect(revoked.code).toBe(4);
    expect(revoked.stderr).toContain('is REVOKED');
    expect(await status(r.certificateId)).toBe('REVOKED');

    const old = await robot('AMR-121', '121');
    await t.iot.send(
      new UpdateCertificateCommand({ certificateId: old.certificateId, newStatus: 'INACTIVE' }),
    );
    const expired = await reenable('AMR-121', old.certificateId, [], {
      now: new Date(Date.now() + 400 * 86_400_000),
    });
    expect(expired.code).toBe(4);
    expect(expired.stderr).toContain('expired at');
    expect(await status(old.certificateId)).toBe('INACTIVE');
  });

  it('on a terminal, key-leak and renewal-failure show progress on stderr; --json stdout is unchanged', async () => {
    const r = await robot('AMR-130', '130');
    const leak = await t.amrctl(['runbook', 'key-leak', 'AMR-130', '--json'], { isTTY: true });
    expect(leak.code).toBe(0);
    expect(JSON.parse(leak.stdout)).toMatchObject({
      things: ['AMR-130'],
      certificates: [{ certificateId: r.certificateId, newStatus: 'INACTIVE' }],
    });
    expect(leak.stderr).toMatch(
      new RegExp(`\\r\\[#{24}\\] 1/1 ${r.certificateId.slice(0, 12)}`, 'u'),
    );
    expect(leak.stderr.endsWith('\r')).toBe(true);

    const shown = await t.amrctl(['runbook', 'renewal-failure', 'AMR-130', '--json'], {
      isTTY: true,
    });
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ thing: { thingName: 'AMR-130' } });
    expect(shown.stderr).toMatch(/\r\[#{24}\] 1\/1 AMR-130/u);
    expect(shown.stderr.endsWith('\r')).toBe(true);

    const again = await t.amrctl(
      ['runbook', 'renewal-failure', 'AMR-130', '--reenable', r.certificateId, '--json'],
      { isTTY: true },
    );
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      reenabled: { certificateId: r.certificateId, previousStatus: 'INACTIVE' },
    });
    const short = r.certificateId.slice(0, 12);
    expect(again.stderr).toMatch(new RegExp(`\\] 2/4 ${short} checked`, 'u'));
    expect(again.stderr).toMatch(new RegExp(`\\] 3/4 ${short} ACTIVE`, 'u'));
    expect(again.stderr).toMatch(/\r\[#{24}\] 4\/4 AMR-130/u);
    expect(again.stderr.endsWith('\r')).toBe(true);
    // Without a terminal the same commands write nothing to stderr.
    expect((await t.amrctl(['runbook', 'renewal-failure', 'AMR-130'])).stderr).toBe('');
  });

  it('renewal-failure --reenable refuses a certificate the thing never had', async () => {
    const r = await robot('AMR-122', '122');
    // A production-looking certificate (device policy, no claim CN) attached to no thing: never
    // AMR-122's, e.g. one whose id was mistyped or copied from another fleet's report.
    const stray = await t.iot.send(new CreateKeysAndCertificateCommand({ setAsActive: false }));
    const strayId = stray.certificateId ?? '';
    await t.iot.send(
      new AttachPolicyCommand({ policyName: 'amr-device', target: stray.certificateArn }),
    );
    const refused = await reenable('AMR-122', strayId);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toBe(
      `amrctl: Certificate ${strayId} was never "AMR-122"'s: it is attached to no thing and is not its previousCertificateId (none recorded); only an attached certificate or the one the last rotation retired can be re-enabled\n`,
    );
    expect(await status(strayId)).toBe('INACTIVE');
    const principals = await t.iot.send(new ListThingPrincipalsCommand({ thingName: 'AMR-122' }));
    expect(principals.principals).toEqual([r.certificateArn]);

    // Another certificate recorded as previous does not make this one acceptable.
    await t.iot.send(
      new UpdateThingCommand({
        thingName: 'AMR-122',
        attributePayload: { attributes: { previousCertificateId: 'e'.repeat(64) }, merge: true },
      }),
    );
    const still = await reenable('AMR-122', strayId, ['--json']);
    expect(still.code).toBe(4);
    expect(still.stdout).toBe('');
    expect(still.stderr).toContain(`is not its previousCertificateId (${'e'.repeat(64)})`);
    expect(still.stderr.trim().split('\n')).toHaveLength(1);
    expect(await status(strayId)).toBe('INACTIVE');
  });

  it('claim-compromise deactivates a per-robot claim and finds its robot by serial', async () => {
    const created = await t.amrctl(['claim', 'create', '105', '--out', 'claim-105', '--json']);
    const claim = JSON.parse(created.stdout) as { certificateId: string };
    await robot('AMR-105', '105');
    await robot('AMR-106', '106');
    const result = await t.amrctl(['runbook', 'claim-compromise', claim.certificateId, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      certificateId: claim.certificateId,
      commonName: 'device-claim:105',
      previousStatus: 'ACTIVE',
      newStatus: 'INACTIVE',
      method: 'perRobot',
      robots: [{ thingName: 'AMR-105', serial: '105' }],
    });
    expect(await status(claim.certificateId)).toBe('INACTIVE');

    const production = await robot('AMR-107', '107');
    const refused = await t.amrctl(['runbook', 'claim-compromise', production.certificateId]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('use "amrctl runbook key-leak');
  });

  it('claim-compromise of a shared claim lists every robot provisioned since', async () => {
    const created = await t.amrctl([
      'claim',
      'create',
      '--shared',
      '--out',
      'claim-shared',
      '--json',
    ]);
    const claim = JSON.parse(created.stdout) as { certificateId: string };
    // Registration times may be stamped to the second: provision the robots a second later.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const served = [await robot('AMR-130', '130'), await robot('AMR-131', '131')];
    const result = await t.amrctl(['runbook', 'claim-compromise', claim.certificateId]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Shared claim');
    const json = await t.amrctl(['runbook', 'claim-compromise', claim.certificateId, '--json']);
    const report = JSON.parse(json.stdout) as {
      method: string;
      robots: { thingName: string; activeCertificateId?: string }[];
    };
    expect(report.method).toBe('shared');
    expect(report.robots.map((r) => r.thingName).sort()).toEqual(['AMR-130', 'AMR-131']);
    expect(report.robots.map((r) => r.activeCertificateId).sort()).toEqual(
      served.map((r) => r.certificateId).sort(),
    );

    // On a terminal the fleet walk shows progress on stderr; --json stdout stays the same JSON.
    const tty = await t.amrctl(['runbook', 'claim-compromise', claim.certificateId, '--json'], {
      isTTY: true,
    });
    expect(tty.code).toBe(0);
    expect(JSON.parse(tty.stdout)).toMatchObject({ method: 'shared', robots: report.robots });
    expect(tty.stderr).toMatch(/\r\[[#.]{24}\] \d+\/\d+ AMR-/u);
    expect(tty.stderr.endsWith('\r')).toBe(true);
  });

  it('policy check explains the deciding statement and exits 4 on deny', async () => {
    const r = await robot('AMR-110', '110');
    const allowed = await t.amrctl([
      'policy',
      'check',
      '--principal',
      r.certificateId,
      '--action',
      'iot:Publish',
      '--resource',
      'amr/AMR-110/status',
    ]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(
      /^ALLOW {2}iot:Publish arn:aws:iot:ap-northeast-1:000000000000:topic\/amr\/AMR-110\/status/u,
    );
    expect(allowed.stdout).toContain(
      'decided by policy "amr-device", statement 1 (PublishReceiveOwnTopics)',
    );

    const denied = await t.amrctl([
      'policy',
      'check',
      '--principal',
      r.certificateArn,
      '--action',
      'iot:Publish',
      '--resource',
      'amr/AMR-111/status',
      '--json',
    ]);
    expect(denied.code).toBe(4);
    expect(JSON.parse(denied.stdout)).toMatchObject({
      decision: 'implicitDeny',
      policies: ['amr-device'],
    });
    expect(denied.stderr).toContain('is denied (implicitDeny)');

    const subscribe = await t.amrctl([
      'policy',
      'check',
      '--principal',
      r.certificateId,
      '--action',
      'iot:Subscribe',
      '--resource',
      'amr/AMR-110/#',
      '--json',
    ]);
    expect(JSON.parse(subscribe.stdout)).toMatchObject({
      decision: 'allow',
      resource: 'arn:aws:iot:ap-northeast-1:000000000000:topicfilter/amr/AMR-110/#',
      statement: { sid: 'SubscribeOwnTopics' },
    });
    const missing = await t.amrctl([
      'policy',
      'check',
      '--principal',
      r.certificateId,
      '--action',
      'iot:Publish',
    ]);
    expect(missing.code).toBe(2);
  });

  it('policy check names the explicit Deny that beats an Allow', async () => {
    const r = await robot('AMR-112', '112');
    await t.iot.send(
      new CreatePolicyCommand({
        policyName: 'amr-quarantine-112',
        policyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'NoStatus',
              Effect: 'Deny',
              Action: 'iot:Publish',
              Resource: 'arn:aws:iot:ap-northeast-1:000000000000:topic/amr/AMR-112/status',
            },
          ],
        }),
      }),
    );
    await t.iot.send(
      new AttachPolicyCommand({ policyName: 'amr-quarantine-112', target: r.certificateArn }),
    );
    const question = [
      'policy',
      'check',
      '--principal',
      r.certificateId,
      '--action',
      'iot:Publish',
      '--resource',
      'amr/AMR-112/status',
    ];
    const denied = await t.amrctl([...question, '--json']);
    expect(denied.code).toBe(4);
    const report = JSON.parse(denied.stdout) as {
      decision: string;
      policies: string[];
      statement: { sid?: string };
      deciding: { Effect: string };
    };
    expect(report.decision).toBe('explicitDeny');
    expect([...report.policies].sort()).toEqual(['amr-device', 'amr-quarantine-112']);
    expect(report.statement).toMatchObject({ sid: 'NoStatus' });
    expect(report.deciding.Effect).toBe('Deny');
    const text = await t.amrctl(question);
    expect(text.code).toBe(4);
    expect(text.stdout).toContain('decided by policy "amr-quarantine-112", statement 0 (NoStatus)');
    expect(text.stderr).toContain('is denied (explicitDeny)');
    // The same principal is still allowed what the Deny does not name.
    const other = await t.amrctl([...question.slice(0, -1), 'amr/AMR-112/heartbeat']);
    expect(other.code).toBe(0);
  });

  it('doctor passes against a set-up local cloud and flags clock skew', async () => {
    const ok = await t.amrctl(['doctor']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/PASS {2}TLS trust/u);
    expect(ok.stdout).toMatch(/PASS {2}provisioning template/u);
    const skewed = await t.amrctl(['doctor', '--json'], { now: new Date(Date.now() + 3_600_000) });
    expect(skewed.code).toBe(4);
    const report = JSON.parse(skewed.stdout) as {
      checks: { name: string; ok: boolean; hint?: string }[];
    };
    expect(report.checks.find((check) => check.name === 'clock skew')).toMatchObject({
      ok: false,
      hint: expect.stringContaining('NTP') as string,
    });
  });
});
