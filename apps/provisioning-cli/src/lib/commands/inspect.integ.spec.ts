import { readFile } from 'node:fs/promises';
import { Agent } from 'node:https';
import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateThingCommand,
} from '@aws-sdk/client-iot';
import { IoTDataPlaneClient, UpdateThingShadowCommand } from '@aws-sdk/client-iot-data-plane';
import { buildDevicePolicy } from '@iot-gateway-net/policy';
import { startCliTestCloud, type CliTestCloud } from '../../testing/startCliTestCloud.js';

describe('inspection commands', () => {
  let t: CliTestCloud;
  let certificateId: string;

  beforeAll(async () => {
    t = await startCliTestCloud();
    const e = t.cloud.endpoints;
    await t.iot.send(
      new CreatePolicyCommand({
        policyName: 'amr-device',
        policyDocument: JSON.stringify(
          buildDevicePolicy({ region: e.region, accountId: e.accountId }),
        ),
      }),
    );
    await t.iot.send(
      new CreateThingCommand({
        thingName: 'AMR-001',
        attributePayload: { attributes: { serialNumber: 'AMR-001' } },
      }),
    );
    await t.iot.send(new CreateThingCommand({ thingName: 'AMR-002' }));
    const cert = await t.iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    certificateId = cert.certificateId ?? '';
    await t.iot.send(
      new AttachPolicyCommand({ policyName: 'amr-device', target: cert.certificateArn }),
    );
    await t.iot.send(
      new AttachThingPrincipalCommand({ thingName: 'AMR-001', principal: cert.certificateArn }),
    );
  });
  afterAll(() => t.close());

  it('things list shows every thing with its certificates and policies', async () => {
    const human = await t.amrctl(['things', 'list']);
    expect(human).toMatchObject({ code: 0, stderr: '' });
    expect(human.stdout).toContain('AMR-001');
    expect(human.stdout).toContain(certificateId.slice(0, 12));
    expect(human.stdout).toContain('amr-device');
    expect(human.stdout).toContain('2 thing(s)');

    const json = await t.amrctl(['things', 'list', '--json']);
    const parsed = JSON.parse(json.stdout) as {
      things: {
        thingName: string;
        certificates: { certificateId: string; status: string; policies: string[] }[];
      }[];
    };
    expect(parsed.things.map((thing) => thing.thingName).sort()).toEqual(['AMR-001', 'AMR-002']);
    const one = parsed.things.find((thing) => thing.thingName === 'AMR-001');
    expect(one?.certificates).toEqual([
      expect.objectContaining({ certificateId, status: 'ACTIVE', policies: ['amr-device'] }),
    ]);
  });

  it('thing show prints one robot and exits 3 for an unknown one', async () => {
    const shown = await t.amrctl(['thing', 'show', 'AMR-001', '--json']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      thingName: 'AMR-001',
      attributes: { serialNumber: 'AMR-001' },
      certificates: [{ certificateId }],
    });
    const missing = await t.amrctl(['thing', 'show', 'AMR-999']);
    expect(missing).toMatchObject({ code: 3, stdout: '' });
    expect(missing.stderr).toBe(
      'amrctl: No thing "AMR-999" in this account (check the serial and the thing name prefix)\n',
    );
  });

  it('certs expiring warns before expiry and before the maximum age, not earlier', async () => {
    const soon = await t.amrctl(['certs', 'expiring', '--days', '30', '--json']);
    expect(JSON.parse(soon.stdout)).toMatchObject({ certificates: [] });
    // The local CA issues 365-day certificates: 340 days later it expires within 30 days.
    const later = new Date(Date.now() + 340 * 86_400_000);
    const due = await t.amrctl(['certs', 'expiring', '--days', '30', '--json'], { now: later });
    expect(JSON.parse(due.stdout)).toMatchObject({
      certificates: [{ certificateId, things: ['AMR-001'], reason: 'expires' }],
    });
    // With a 300-day maximum age, 280 days in it is due for its age first.
    const aged = await t.amrctl(
      ['certs', 'expiring', '--days', '30', '--max-age-days', '300', '--json'],
      { now: new Date(Date.now() + 280 * 86_400_000) },
    );
    expect(JSON.parse(aged.stdout)).toMatchObject({
      certificates: [{ certificateId, reason: 'maxAge', dueInDays: expect.any(Number) as number }],
    });
    const human = await t.amrctl(['certs', 'expiring', '--days', '30'], { now: later });
    expect(human.stdout).toContain('runbook renewal-failure');
  });

  it('bad usage exits 2 with one line', async () => {
    const result = await t.amrctl(['certs', 'expiring', '--days', 'soon']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('amrctl: Unexpected --days "soon", expected a number of days ≥ 0\n');
    const unknown = await t.amrctl(['things', 'frobnicate']);
    expect(unknown.code).toBe(2);
  });

  it('shadow get reads a shadow and exits 3 when there is none', async () => {
    const missing = await t.amrctl(['shadow', 'get', 'AMR-001', '--name', 'robot']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('No shadow "robot" for thing "AMR-001"');

    const e = t.cloud.endpoints;
    const data = new IoTDataPlaneClient({
      endpoint: e.httpsDataUrl,
      region: e.region,
      credentials: { ...e.controlPlaneCredentials },
      requestHandler: { httpsAgent: new Agent({ ca: await readFile(e.rootCaPath) }) },
    });
    try {
      await data.send(
        new UpdateThingShadowCommand({
          thingName: 'AMR-001',
          shadowName: 'robot',
          payload: new TextEncoder().encode(
            JSON.stringify({ state: { reported: { state: 'idle', battery: 80 } } }),
          ),
        }),
      );
    } finally {
      data.destroy();
    }
    // The robot's named shadow `robot` is the default (design 3.4).
    const robot = await t.amrctl(['shadow', 'get', 'AMR-001', '--json']);
    expect(robot.code).toBe(0);
    expect(JSON.parse(robot.stdout)).toMatchObject({
      state: { reported: { state: 'idle', battery: 80 } },
    });
    const classic = await t.amrctl(['shadow', 'get', 'AMR-001', '--classic']);
    expect(classic.code).toBe(3);
    expect(classic.stderr).toContain('No classic shadow for thing "AMR-001"');
    const both = await t.amrctl(['shadow', 'get', 'AMR-001', '--classic', '--name', 'robot']);
    expect(both).toMatchObject({
      code: 2,
      stderr: 'amrctl: Use either --name or --classic, not both\n',
    });
  });
});
