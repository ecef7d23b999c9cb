import {
  CreatePolicyCommand,
  CreateProvisioningClaimCommand,
  CreateProvisioningTemplateCommand,
  CreateProvisioningTemplateVersionCommand,
  DeleteConflictException,
  DeleteProvisioningTemplateCommand,
  DeleteProvisioningTemplateVersionCommand,
  DescribeProvisioningTemplateCommand,
  DescribeProvisioningTemplateVersionCommand,
  DescribeThingCommand,
  InvalidRequestException,
  ListProvisioningTemplateVersionsCommand,
  ResourceNotFoundException,
  UpdateProvisioningTemplateCommand,
  VersionsLimitExceededException,
} from '@aws-sdk/client-iot';
import { buildDevicePolicy } from '@iot-gateway-net/policy';
import { buildFleetProvisioningTemplate } from '@iot-gateway-net/provisioning-templates';
import { createProvisioningClient, fromMqttJs } from '@iot-gateway-net/provisioning';
import { startTestCloud, type TestCloud } from '../../testing/startTestCloud.js';

const TEMPLATE = 'amr-fleet';
const POLICY = 'amr-device';

/** A template body whose things are named `<prefix><SerialNumber>`. */
const bodyNaming = (prefix: string): string =>
  buildFleetProvisioningTemplate({ productionPolicyName: POLICY, thingNamePrefix: prefix });

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('provisioning template versions (@aws-sdk/client-iot on startLocalCloud)', () => {
  let cloud: TestCloud;

  beforeEach(async () => {
    cloud = await startTestCloud({
      iot: { maxAttempts: 1 },
      dirPrefix: 'local-cloud-template-versions-',
    });
    await cloud.iot.send(
      new CreateProvisioningTemplateCommand({
        templateName: TEMPLATE,
        templateBody: bodyNaming('v1-'),
        provisioningRoleArn: `arn:aws:iam::${cloud.endpoints.accountId}:role/fleet-provisioning`,
        enabled: true,
      }),
    );
  });

  afterEach(async () => {
    await cloud.close();
  });

  const createVersion = (templateBody: string, setAsDefault?: boolean) =>
    cloud.iot.send(
      new CreateProvisioningTemplateVersionCommand({
        templateName: TEMPLATE,
        templateBody,
        ...(setAsDefault === undefined ? {} : { setAsDefault }),
      }),
    );

  const describeTemplate = () =>
    cloud.iot.send(new DescribeProvisioningTemplateCommand({ templateName: TEMPLATE }));

  const versionIds = async (): Promise<{ versionId?: number; isDefaultVersion?: boolean }[]> => {
    const listed = await cloud.iot.send(
      new ListProvisioningTemplateVersionsCommand({ templateName: TEMPLATE }),
    );
    return (listed.versions ?? []).map((v) => ({
      versionId: v.versionId,
      isDefaultVersion: v.isDefaultVersion,
    }));
  };

  it('adds versions, makes one the default only when asked, and describes and lists them', async () => {
    const v2 = await createVersion(bodyNaming('v2-'));
    expect(v2).toMatchObject({
      templateArn: `arn:aws:iot:${cloud.endpoints.region}:${cloud.endpoints.accountId}:provisioningtemplate/${TEMPLATE}`,
      templateName: TEMPLATE,
      versionId: 2,
      isDefaultVersion: false,
    });
    expect(await describeTemplate()).toMatchObject({
      defaultVersionId: 1,
      templateBody: bodyNaming('v1-'),
    });

    const v3 = await createVersion(bodyNaming('v3-'), true);
    expect(v3).toMatchObject({ versionId: 3, isDefaultVersion: true });
    expect(await describeTemplate()).toMatchObject({
      defaultVersionId: 3,
      templateBody: bodyNaming('v3-'),
    });

    const described = await cloud.iot.send(
      new DescribeProvisioningTemplateVersionCommand({ templateName: TEMPLATE, versionId: 2 }),
    );
    expect(described).toMatchObject({
      versionId: 2,
      templateBody: bodyNaming('v2-'),
      isDefaultVersion: false,
    });
    expect(described.creationDate).toBeInstanceOf(Date);

    // Pages of two, by version id.
    const first = await cloud.iot.send(
      new ListProvisioningTemplateVersionsCommand({ templateName: TEMPLATE, maxResults: 2 }),
    );
    expect(first.versions?.map((v) => [v.versionId, v.isDefaultVersion])).toEqual([
      [1, false],
      [2, false],
    ]);
    const second = await cloud.iot.send(
      new ListProvisioningTemplateVersionsCommand({
        templateName: TEMPLATE,
        maxResults: 2,
        nextToken: first.nextToken,
      }),
    );
    expect(second.versions?.map((v) => [v.versionId, v.isDefaultVersion])).toEqual([[3, true]]);
    expect(second.nextToken).toBeUndefined();
  });

  it('switches the default with UpdateProvisioningTemplate defaultVersionId', async () => {
    await createVersion(bodyNaming('v2-'));
    await cloud.iot.send(
      new UpdateProvisioningTemplateCommand({ templateName: TEMPLATE, defaultVersionId: 2 }),
    );
    expect(await describeTemplate()).toMatchObject({
      defaultVersionId: 2,
      templateBody: bodyNaming('v2-'),
    });
    expect(await versionIds()).toEqual([
      { versionId: 1, isDefaultVersion: false },
      { versionId: 2, isDefaultVersion: true },
    ]);
    const missing = await rejectionOf(
      cloud.iot.send(
        new UpdateProvisioningTemplateCommand({ templateName: TEMPLATE, defaultVersionId: 9 }),
      ),
    );
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(await describeTemplate()).toMatchObject({ defaultVersionId: 2 });
  });

  it('refuses to delete the default version (DeleteConflictException) and deletes the others', async () => {
    await createVersion(bodyNaming('v2-'));
    const conflict = await rejectionOf(
      cloud.iot.send(
        new DeleteProvisioningTemplateVersionCommand({ templateName: TEMPLATE, versionId: 1 }),
      ),
    );
    expect(conflict).toBeInstanceOf(DeleteConflictException);
    expect((conflict as Error).message).toContain('default version');

    await cloud.iot.send(
      new DeleteProvisioningTemplateVersionCommand({ templateName: TEMPLATE, versionId: 2 }),
    );
    expect(await versionIds()).toEqual([{ versionId: 1, isDefaultVersion: true }]);
    for (const command of [
      new DescribeProvisioningTemplateVersionCommand({ templateName: TEMPLATE, versionId: 2 }),
      new DeleteProvisioningTemplateVersionCommand({ templateName: TEMPLATE, versionId: 2 }),
    ]) {
      expect(await rejectionOf(cloud.iot.send(command))).toBeInstanceOf(ResourceNotFoundException);
    }
  });

  it('keeps at most 5 versions (VersionsLimitExceededException) and never reuses an id', async () => {
    for (const n of [2, 3, 4, 5]) {
      expect(await createVersion(bodyNaming(`v${n}-`))).toMatchObject({ versionId: n });
    }
    const limit = await rejectionOf(createVersion(bodyNaming('v6-')));
    expect(limit).toBeInstanceOf(VersionsLimitExceededException);
    expect((limit as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(
      409,
    );
    expect(await versionIds()).toHaveLength(5);

    await cloud.iot.send(
      new DeleteProvisioningTemplateVersionCommand({ templateName: TEMPLATE, versionId: 3 }),
    );
    expect(await createVersion(bodyNaming('v6-'))).toMatchObject({ versionId: 6 });
    expect((await versionIds()).map((v) => v.versionId)).toEqual([1, 2, 4, 5, 6]);
  });

  it('validates a version body exactly as CreateProvisioningTemplate does, storing nothing on failure', async () => {
    const unsupported = JSON.stringify({
      Conditions: { IsProd: { 'Fn::Equals': ['a', 'a'] } },
      Resources: {},
    });
    for (const body of [unsupported, '{not json', 'x'.repeat(10_241)]) {
      const refused = await rejectionOf(createVersion(body, true));
      expect(refused).toBeInstanceOf(InvalidRequestException);
    }
    const named = await rejectionOf(createVersion(unsupported));
    expect((named as Error).message).toContain('Conditions');
    expect(await versionIds()).toEqual([{ versionId: 1, isDefaultVersion: true }]);
    expect(await describeTemplate()).toMatchObject({ defaultVersionId: 1 });
  });

  it('answers ResourceNotFoundException for the versions of an unknown template, and drops versions with their template', async () => {
    const calls = [
      () =>
        cloud.iot.send(
          new CreateProvisioningTemplateVersionCommand({
            templateName: 'no-such-template',
            templateBody: bodyNaming('x-'),
          }),
        ),
      () =>
        cloud.iot.send(
          new ListProvisioningTemplateVersionsCommand({ templateName: 'no-such-template' }),
        ),
      () =>
        cloud.iot.send(
          new DescribeProvisioningTemplateVersionCommand({
            templateName: 'no-such-template',
            versionId: 1,
          }),
        ),
    ];
    for (const call of calls) {
      expect(await rejectionOf(call())).toBeInstanceOf(ResourceNotFoundException);
    }
    await createVersion(bodyNaming('v2-'));
    await cloud.iot.send(new DeleteProvisioningTemplateCommand({ templateName: TEMPLATE }));
    await cloud.iot.send(
      new CreateProvisioningTemplateCommand({
        templateName: TEMPLATE,
        templateBody: bodyNaming('again-'),
        provisioningRoleArn: `arn:aws:iam::${cloud.endpoints.accountId}:role/fleet-provisioning`,
      }),
    );
    expect(await versionIds()).toEqual([{ versionId: 1, isDefaultVersion: true }]);
  });

  it('provisions with the default version: RegisterThing follows a new default', async () => {
    const e = cloud.endpoints;
    await cloud.iot.send(
      new CreatePolicyCommand({
        policyName: POLICY,
        policyDocument: JSON.stringify(
          buildDevicePolicy({ region: e.region, accountId: e.accountId }),
        ),
      }),
    );
    await createVersion(bodyNaming('v2-'), true);
    await createVersion(bodyNaming('v3-'));

    const claim = await cloud.iot.send(
      new CreateProvisioningClaimCommand({ templateName: TEMPLATE }),
    );
    const device = await cloud.connect(
      {
        certificatePem: claim.certificatePem ?? '',
        privateKeyPem: claim.keyPair?.PrivateKey ?? '',
      },
      'factory-0042',
    );
    const api = createProvisioningClient({
      connection: fromMqttJs(device),
      format: 'json',
      timeoutMs: 5_000,
      retry: { attempts: 1 },
    });
    const issued = await api.createKeysAndCertificate();
    const registered = await api.registerThing(TEMPLATE, {
      certificateOwnershipToken: issued.certificateOwnershipToken,
      parameters: { SerialNumber: '0042' },
    });
    expect(registered.thingName).toBe('v2-0042');
    await expect(
      cloud.iot.send(new DescribeThingCommand({ thingName: 'v2-0042' })),
    ).resolves.toMatchObject({ thingName: 'v2-0042' });
  });
});
