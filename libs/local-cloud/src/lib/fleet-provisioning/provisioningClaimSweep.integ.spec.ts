import {
  AttachThingPrincipalCommand,
  CreateProvisioningClaimCommand,
  CreateProvisioningTemplateCommand,
  CreateThingCommand,
  DescribeCertificateCommand,
  GetPolicyCommand,
  ListTargetsForPolicyCommand,
  ResourceNotFoundException,
  type CreateProvisioningClaimCommandOutput,
} from '@aws-sdk/client-iot';
import { buildFleetProvisioningTemplate } from '@iot-gateway-net/provisioning-templates';
import type { MqttClient } from 'mqtt';
import { startTestCloud, type TestCloud } from '../../testing/startTestCloud.js';
import { PROVISIONING_CLAIM_LIFETIME_MS } from './constants.js';
import { sweepUnregisteredCertificates } from './sweepUnregisteredCertificates.js';

const TEMPLATE = 'amr-fleet';
const CLAIM_POLICY = `provisioning-claim-${TEMPLATE}`;

function closeOf(client: MqttClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connection not closed within 5 s')), 5_000);
    client.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('trusted-user claims expire from the registry (sweep, fake clock, @aws-sdk/client-iot)', () => {
  // The cloud's clock moves only by hand (cloud.advance).
  let cloud: TestCloud;

  beforeEach(async () => {
    cloud = await startTestCloud({
      startAt: Date.now(),
      iot: { maxAttempts: 1 },
      dirPrefix: 'local-cloud-claim-sweep-',
    });
    await cloud.iot.send(
      new CreateProvisioningTemplateCommand({
        templateName: TEMPLATE,
        templateBody: buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' }),
        provisioningRoleArn: `arn:aws:iam::${cloud.endpoints.accountId}:role/fleet-provisioning`,
        enabled: true,
      }),
    );
  });

  afterEach(async () => {
    await cloud.close();
  });

  const claim = () =>
    cloud.iot.send(new CreateProvisioningClaimCommand({ templateName: TEMPLATE }));

  const exists = async (certificateId: string | undefined): Promise<boolean> => {
    try {
      await cloud.iot.send(new DescribeCertificateCommand({ certificateId }));
      return true;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return false;
      throw error;
    }
  };

  const claimTargets = async (): Promise<string[]> =>
    (await cloud.iot.send(new ListTargetsForPolicyCommand({ policyName: CLAIM_POLICY }))).targets ??
    [];

  const connect = (issued: CreateProvisioningClaimCommandOutput): Promise<MqttClient> =>
    cloud.connect(
      {
        certificatePem: issued.certificatePem ?? '',
        privateKeyPem: issued.keyPair?.PrivateKey ?? '',
      },
      'factory-0001',
    );

  it('keeps a claim for its 5 minutes, then deletes it, its attachments and its connection', async () => {
    const first = await claim();
    const device = await connect(first);
    expect(sweepUnregisteredCertificates(cloud.context)).toEqual([]);
    cloud.advance(PROVISIONING_CLAIM_LIFETIME_MS - 1_000);
    expect(sweepUnregisteredCertificates(cloud.context)).toEqual([]);
    expect(await exists(first.certificateId)).toBe(true);

    const closed = closeOf(device);
    cloud.advance(1_000);
    const fresh = await claim();
    expect(sweepUnregisteredCertificates(cloud.context)).toEqual([first.certificateId]);
    await closed;
    expect(await exists(first.certificateId)).toBe(false);
    expect(await exists(fresh.certificateId)).toBe(true);
    // The shared claim policy stays for the next claims; only the expired one's attachment went.
    await expect(
      cloud.iot.send(new GetPolicyCommand({ policyName: CLAIM_POLICY })),
    ).resolves.toBeDefined();
    const arn = (id: string | undefined) =>
      `arn:aws:iot:${cloud.endpoints.region}:${cloud.endpoints.accountId}:cert/${id}`;
    expect(await claimTargets()).toEqual([arn(fresh.certificateId)]);
    expect(sweepUnregisteredCertificates(cloud.context)).toEqual([]);
  });

  it('keeps an expired claim someone attached to a thing and still removes the others', async () => {
    const attached = await claim();
    const others = [await claim(), await claim()];
    await cloud.iot.send(new CreateThingCommand({ thingName: 'bench-thing' }));
    await cloud.iot.send(
      new AttachThingPrincipalCommand({
        thingName: 'bench-thing',
        principal: `arn:aws:iot:${cloud.endpoints.region}:${cloud.endpoints.accountId}:cert/${attached.certificateId}`,
      }),
    );
    cloud.advance(PROVISIONING_CLAIM_LIFETIME_MS);
    const swept = sweepUnregisteredCertificates(cloud.context);
    expect([...swept].sort()).toEqual(others.map((o) => o.certificateId).sort());
    expect(await exists(attached.certificateId)).toBe(true);
    const described = await cloud.iot.send(
      new DescribeCertificateCommand({ certificateId: attached.certificateId }),
    );
    // Kept exactly as it was: the transaction that would have deactivated it rolled back.
    expect(described.certificateDescription?.status).toBe('ACTIVE');
    expect(sweepUnregisteredCertificates(cloud.context)).toEqual([]);
  });
});
