import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttachThingPrincipalCommand,
  CreateProvisioningClaimCommand,
  CreateProvisioningTemplateCommand,
  CreateThingCommand,
  DescribeCertificateCommand,
  GetPolicyCommand,
  IoTClient,
  ListTargetsForPolicyCommand,
  ResourceNotFoundException,
  type CreateProvisioningClaimCommandOutput,
} from '@aws-sdk/client-iot';
import { buildFleetProvisioningTemplate } from '@iot-gateway-net/provisioning-templates';
import mqtt, { type MqttClient } from 'mqtt';
import { startLocalCloud, type LocalCloud } from '../startLocalCloud.js';
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
  let dataDir: string;
  let cloud: LocalCloud;
  let iot: IoTClient;
  let now = Date.now();
  const clock = { now: () => now };
  const clients: MqttClient[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-cloud-claim-sweep-'));
    now = Date.now();
    cloud = await startLocalCloud({ dataDir }, { clock, writeLog: () => undefined });
    const e = cloud.endpoints;
    iot = new IoTClient({
      endpoint: e.controlPlaneUrl,
      region: e.region,
      credentials: { ...e.controlPlaneCredentials },
      maxAttempts: 1,
    });
    await iot.send(
      new CreateProvisioningTemplateCommand({
        templateName: TEMPLATE,
        templateBody: buildFleetProvisioningTemplate({ productionPolicyName: 'amr-device' }),
        provisioningRoleArn: `arn:aws:iam::${e.accountId}:role/fleet-provisioning`,
        enabled: true,
      }),
    );
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
    iot.destroy();
    await cloud.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const claim = () => iot.send(new CreateProvisioningClaimCommand({ templateName: TEMPLATE }));

  const exists = async (certificateId: string | undefined): Promise<boolean> => {
    try {
      await iot.send(new DescribeCertificateCommand({ certificateId }));
      return true;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return false;
      throw error;
    }
  };

  const claimTargets = async (): Promise<string[]> =>
    (await iot.send(new ListTargetsForPolicyCommand({ policyName: CLAIM_POLICY }))).targets ?? [];

  const connect = async (issued: CreateProvisioningClaimCommandOutput): Promise<MqttClient> => {
    const e = cloud.endpoints;
    const client = await mqtt.connectAsync({
      protocol: 'mqtts',
      host: e.iotEndpoint,
      port: e.mqttsPort,
      clientId: 'factory-0001',
      protocolVersion: 4,
      ca: await readFile(e.rootCaPath),
      cert: issued.certificatePem,
      key: issued.keyPair?.PrivateKey,
      reconnectPeriod: 0,
    });
    clients.push(client);
    return client;
  };

  it('keeps a claim for its 5 minutes, then deletes it, its attachments and its connection', async () => {
    const first = await claim();
    const device = await connect(first);
    expect(sweepUnregisteredCertificates(cloud.context)).toEqual([]);
    now += PROVISIONING_CLAIM_LIFETIME_MS - 1_000;
    expect(sweepUnregisteredCertificates(cloud.context)).toEqual([]);
    expect(await exists(first.certificateId)).toBe(true);

    const closed = closeOf(device);
    now += 1_000;
    const fresh = await claim();
    expect(sweepUnregisteredCertificates(cloud.context)).toEqual([first.certificateId]);
    await closed;
    expect(await exists(first.certificateId)).toBe(false);
    expect(await exists(fresh.certificateId)).toBe(true);
    // The shared claim policy stays for the next claims; only the expired one's attachment went.
    await expect(
      iot.send(new GetPolicyCommand({ policyName: CLAIM_POLICY })),
    ).resolves.toBeDefined();
    const arn = (id: string | undefined) =>
      `arn:aws:iot:${cloud.endpoints.region}:${cloud.endpoints.accountId}:cert/${id}`;
    expect(await claimTargets()).toEqual([arn(fresh.certificateId)]);
    expect(sweepUnregisteredCertificates(cloud.context)).toEqual([]);
  });

  it('keeps an expired claim someone attached to a thing and still removes the others', async () => {
    const attached = await claim();
    const others = [await claim(), await claim()];
    await iot.send(new CreateThingCommand({ thingName: 'bench-thing' }));
    await iot.send(
      new AttachThingPrincipalCommand({
        thingName: 'bench-thing',
        principal: `arn:aws:iot:${cloud.endpoints.region}:${cloud.endpoints.accountId}:cert/${attached.certificateId}`,
      }),
    );
    now += PROVISIONING_CLAIM_LIFETIME_MS;
    const swept = sweepUnregisteredCertificates(cloud.context);
    expect([...swept].sort()).toEqual(others.map((o) => o.certificateId).sort());
    expect(await exists(attached.certificateId)).toBe(true);
    const described = await iot.send(
      new DescribeCertificateCommand({ certificateId: attached.certificateId }),
    );
    // Kept exactly as it was: the transaction that would have deactivated it rolled back.
    expect(described.certificateDescription?.status).toBe('ACTIVE');
    expect(sweepUnregisteredCertificates(cloud.context)).toEqual([]);
  });
});
