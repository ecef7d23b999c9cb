import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateProvisioningTemplateVersionCommand,
  DescribeProvisioningTemplateCommand,
  GetPolicyCommand,
  IoTClient,
  ListPolicyVersionsCommand,
  ListProvisioningTemplateVersionsCommand,
} from '@aws-sdk/client-iot';
import { startLocalCloud, type LocalCloud } from '@iot-gateway-net/local-cloud';
import { buildClaimPolicy, buildDevicePolicy } from '@iot-gateway-net/policy';
import { buildFleetProvisioningTemplate } from '@iot-gateway-net/provisioning-templates';
import { FleetSetupError } from '../errors/FleetSetupError.js';
import { ensureFleetSetup } from './ensureFleetSetup.js';
import { FLEET_RESOURCE_COUNT } from './constants.js';
import type { EnsureFleetSetupOptions, FleetResourceChange } from './schemas.js';

const ROLE_ARN = 'arn:aws:iam::000000000000:role/fleet-provisioning';
const HOOK_ARN = 'arn:aws:lambda:ap-northeast-1:000000000000:function:amr-pre-provisioning-hook';

describe('ensureFleetSetup (local cloud through @aws-sdk/client-iot)', () => {
  let dataDir: string;
  let cloud: LocalCloud;
  let iot: IoTClient;
  let base: EnsureFleetSetupOptions;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'fleet-setup-'));
    cloud = await startLocalCloud(
      { dataDir, logLevel: 'error' },
      {
        writeLog: () => undefined,
        preProvisioningHooks: { [HOOK_ARN]: () => Promise.resolve({ allowProvisioning: true }) },
      },
    );
    const e = cloud.endpoints;
    iot = new IoTClient({
      endpoint: e.controlPlaneUrl,
      region: e.region,
      credentials: { ...e.controlPlaneCredentials },
    });
    base = { iot, region: e.region, accountId: e.accountId, provisioningRoleArn: ROLE_ARN };
  });

  afterEach(async () => {
    iot.destroy();
    await cloud.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const actions = (report: Awaited<ReturnType<typeof ensureFleetSetup>>) =>
    report.resources.map((r) => [r.kind, r.name, r.action]);

  it('creates the policies and the template, then a second run changes nothing', async () => {
    const heard: FleetResourceChange[] = [];
    const first = await ensureFleetSetup({ ...base, onResource: (change) => heard.push(change) });
    // onResource hears every report line, in order, as each resource is done.
    expect(heard).toEqual(first.resources);
    expect(first.resources).toHaveLength(FLEET_RESOURCE_COUNT);
    expect(actions(first)).toEqual([
      ['policy', 'amr-device', 'created'],
      ['policy', 'amr-claim', 'created'],
      ['provisioningTemplate', 'amr-fleet', 'created'],
    ]);
    const { region, accountId } = cloud.endpoints;
    expect(first.resources.map((r) => r.arn)).toEqual([
      `arn:aws:iot:${region}:${accountId}:policy/amr-device`,
      `arn:aws:iot:${region}:${accountId}:policy/amr-claim`,
      `arn:aws:iot:${region}:${accountId}:provisioningtemplate/amr-fleet`,
    ]);

    const device = await iot.send(new GetPolicyCommand({ policyName: 'amr-device' }));
    expect(JSON.parse(device.policyDocument ?? '')).toEqual(
      buildDevicePolicy({ region, accountId }),
    );
    const claim = await iot.send(new GetPolicyCommand({ policyName: 'amr-claim' }));
    expect(JSON.parse(claim.policyDocument ?? '')).toEqual(
      buildClaimPolicy({ region, accountId, templateName: 'amr-fleet' }),
    );
    const template = await iot.send(
      new DescribeProvisioningTemplateCommand({ templateName: 'amr-fleet' }),
    );
    expect(template).toMatchObject({
      enabled: true,
      provisioningRoleArn: ROLE_ARN,
      type: 'FLEET_PROVISIONING',
      defaultVersionId: 1,
    });
    expect(template.preProvisioningHook).toBeUndefined();
    expect(JSON.parse(template.templateBody ?? '')).toEqual(
      JSON.parse(
        buildFleetProvisioningTemplate({
          productionPolicyName: 'amr-device',
          thingNamePrefix: 'AMR-',
        }),
      ),
    );

    const second = await ensureFleetSetup(base);
    expect(second.resources.every((r) => r.action === 'unchanged')).toBe(true);
    expect(second.resources.every((r) => r.detail === undefined)).toBe(true);
    const versions = await iot.send(new ListPolicyVersionsCommand({ policyName: 'amr-device' }));
    expect(versions.policyVersions).toHaveLength(1);
  });

  it('creates a pre-provisioning hook configuration when given one', async () => {
    await ensureFleetSetup({ ...base, preProvisioningHookArn: HOOK_ARN });
    const template = await iot.send(
      new DescribeProvisioningTemplateCommand({ templateName: 'amr-fleet' }),
    );
    expect(template.preProvisioningHook).toEqual({
      targetArn: HOOK_ARN,
      payloadVersion: '2020-04-01',
    });
    const again = await ensureFleetSetup({ ...base, preProvisioningHookArn: HOOK_ARN });
    expect(again.resources.every((r) => r.action === 'unchanged')).toBe(true);
  });

  it('treats a stored document that only differs in formatting and key order as unchanged', async () => {
    const { region, accountId } = cloud.endpoints;
    const document = buildDevicePolicy({ region, accountId });
    const reordered = { Statement: document.Statement, Version: document.Version };
    await iot.send(
      new CreatePolicyCommand({
        policyName: 'amr-device',
        policyDocument: JSON.stringify(reordered, null, 4),
      }),
    );
    const report = await ensureFleetSetup(base);
    expect(report.resources[0]).toMatchObject({ name: 'amr-device', action: 'unchanged' });
  });

  it('updates only what changed: the template body for a new thing name prefix', async () => {
    await ensureFleetSetup(base);
    const report = await ensureFleetSetup({ ...base, thingNamePrefix: 'robot-' });
    expect(actions(report)).toEqual([
      ['policy', 'amr-device', 'unchanged'],
      ['policy', 'amr-claim', 'unchanged'],
      ['provisioningTemplate', 'amr-fleet', 'updated'],
    ]);
    expect(report.resources[2]?.detail).toBe('templateBody: version 2 is the default (was 1)');
    const template = await iot.send(
      new DescribeProvisioningTemplateCommand({ templateName: 'amr-fleet' }),
    );
    expect(template.defaultVersionId).toBe(2);
    expect(template.templateBody).toContain('robot-');
    const again = await ensureFleetSetup({ ...base, thingNamePrefix: 'robot-' });
    expect(again.resources.every((r) => r.action === 'unchanged')).toBe(true);
  });

  it('updates only the template settings that changed, and removes a hook no longer wanted', async () => {
    await ensureFleetSetup(base);
    const changed = await ensureFleetSetup({
      ...base,
      description: 'AMR fleet, hall 2',
      enabled: false,
      provisioningRoleArn: 'arn:aws:iam::000000000000:role/other-provisioning-role',
      preProvisioningHookArn: HOOK_ARN,
    });
    expect(actions(changed)[2]).toEqual(['provisioningTemplate', 'amr-fleet', 'updated']);
    expect(changed.resources[2]?.detail).toBe(
      'description; enabled; provisioningRoleArn; preProvisioningHook',
    );
    const template = await iot.send(
      new DescribeProvisioningTemplateCommand({ templateName: 'amr-fleet' }),
    );
    expect(template).toMatchObject({
      description: 'AMR fleet, hall 2',
      enabled: false,
      provisioningRoleArn: 'arn:aws:iam::000000000000:role/other-provisioning-role',
      preProvisioningHook: { targetArn: HOOK_ARN },
      defaultVersionId: 1,
    });

    const back = await ensureFleetSetup(base);
    expect(back.resources[2]?.detail).toBe(
      'description; enabled; provisioningRoleArn; preProvisioningHook (removed)',
    );
    const restored = await iot.send(
      new DescribeProvisioningTemplateCommand({ templateName: 'amr-fleet' }),
    );
    expect(restored.preProvisioningHook).toBeUndefined();
    expect(restored.enabled).toBe(true);
  });

  it('updates only the claim policy when the template name changes (and creates that template)', async () => {
    await ensureFleetSetup(base);
    const report = await ensureFleetSetup({ ...base, templateName: 'amr-fleet-2' });
    expect(actions(report)).toEqual([
      ['policy', 'amr-device', 'unchanged'],
      ['policy', 'amr-claim', 'updated'],
      ['provisioningTemplate', 'amr-fleet-2', 'created'],
    ]);
    expect(report.resources[1]?.detail).toBe('document changed: version 2 is the default (was 1)');
    const claim = await iot.send(new GetPolicyCommand({ policyName: 'amr-claim' }));
    expect(claim.policyDocument).toContain('provisioning-templates/amr-fleet-2/provision');
    expect(claim.defaultVersionId).toBe('2');
  });

  it('deletes the oldest non-default policy version at the five-version limit', async () => {
    await ensureFleetSetup(base);
    const { region, accountId } = cloud.endpoints;
    // Versions 2-5, none default: the policy is at AWS's limit of five.
    for (const templateName of ['t2', 't3', 't4', 't5']) {
      await iot.send(
        new CreatePolicyVersionCommand({
          policyName: 'amr-claim',
          policyDocument: JSON.stringify(buildClaimPolicy({ region, accountId, templateName })),
        }),
      );
    }
    const report = await ensureFleetSetup({ ...base, templateName: 'amr-fleet-2' });
    expect(report.resources[1]?.detail).toBe(
      'document changed: version 6 is the default (was 1); deleted the oldest version 2',
    );
    const { policyVersions = [] } = await iot.send(
      new ListPolicyVersionsCommand({ policyName: 'amr-claim' }),
    );
    expect(policyVersions.map((v) => [v.versionId, v.isDefaultVersion]).sort()).toEqual([
      ['1', false],
      ['3', false],
      ['4', false],
      ['5', false],
      ['6', true],
    ]);
  });

  it('deletes the oldest non-default template version at the five-version limit', async () => {
    await ensureFleetSetup(base);
    for (const prefix of ['a-', 'b-', 'c-', 'd-']) {
      await iot.send(
        new CreateProvisioningTemplateVersionCommand({
          templateName: 'amr-fleet',
          templateBody: buildFleetProvisioningTemplate({
            productionPolicyName: 'amr-device',
            thingNamePrefix: prefix,
          }),
        }),
      );
    }
    const report = await ensureFleetSetup({ ...base, thingNamePrefix: 'robot-' });
    expect(report.resources[2]?.detail).toBe(
      'templateBody: version 6 is the default (was 1); deleted the oldest version 2',
    );
    const { versions = [] } = await iot.send(
      new ListProvisioningTemplateVersionsCommand({ templateName: 'amr-fleet' }),
    );
    expect(versions.map((v) => [v.versionId, v.isDefaultVersion])).toEqual([
      [1, false],
      [3, false],
      [4, false],
      [5, false],
      [6, true],
    ]);
  });

  it('names the AWS operation, error name and message when a call fails', async () => {
    const e = cloud.endpoints;
    const stranger = new IoTClient({
      endpoint: e.controlPlaneUrl,
      region: e.region,
      credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'wrong' },
    });
    try {
      const error = await ensureFleetSetup({ ...base, iot: stranger }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FleetSetupError);
      expect(error).toMatchObject({ code: 'AWS_ERROR' });
      expect((error as FleetSetupError).message).toMatch(/^GetPolicy failed: \w+: .+/);
      expect((error as FleetSetupError).cause).toBeInstanceOf(Error);
    } finally {
      stranger.destroy();
    }
  });
});
