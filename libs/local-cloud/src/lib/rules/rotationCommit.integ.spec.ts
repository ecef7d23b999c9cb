import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateThingCommand,
  DescribeCertificateCommand,
  IoTClient,
  ListAttachedPoliciesCommand,
  ListThingPrincipalsCommand,
} from '@aws-sdk/client-iot';
import { buildDevicePolicy } from '@iot-gateway-net/policy';
import { rotationCommitReplyFilter, rotationCommitTopic } from '@iot-gateway-net/topics';
import mqtt, { type MqttClient } from 'mqtt';
import { startLocalCloud, type LocalCloud } from '../startLocalCloud.js';

const THING = 'AMR-001';

describe('rotation commit rule (cloud function in the local cloud)', () => {
  let dataDir: string;
  let cloud: LocalCloud;
  let iot: IoTClient;
  const clients: MqttClient[] = [];
  // The cloud's clock, moved forward by hand: certificate creation dates have one-second resolution
  // and the handler requires the committing certificate to be newer.
  let now = Date.now();
  const clock = { now: () => now };

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-cloud-rules-'));
    now = Date.now();
    cloud = await startLocalCloud({ dataDir }, { clock, writeLog: () => undefined });
    const e = cloud.endpoints;
    iot = new IoTClient({
      endpoint: e.controlPlaneUrl,
      region: e.region,
      credentials: { ...e.controlPlaneCredentials },
    });
    await iot.send(
      new CreatePolicyCommand({
        policyName: 'amr-device',
        policyDocument: JSON.stringify(
          buildDevicePolicy({ region: e.region, accountId: e.accountId }),
        ),
      }),
    );
    await iot.send(new CreateThingCommand({ thingName: THING }));
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
    iot.destroy();
    await cloud.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function certificateForThing(): Promise<{
    id: string;
    arn: string;
    pem: string;
    key: string;
  }> {
    const cert = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    await iot.send(
      new AttachPolicyCommand({ policyName: 'amr-device', target: cert.certificateArn }),
    );
    await iot.send(
      new AttachThingPrincipalCommand({ thingName: THING, principal: cert.certificateArn }),
    );
    return {
      id: cert.certificateId ?? '',
      arn: cert.certificateArn ?? '',
      pem: cert.certificatePem ?? '',
      key: cert.keyPair?.PrivateKey ?? '',
    };
  }

  async function connect(cert: { pem: string; key: string }): Promise<MqttClient> {
    const e = cloud.endpoints;
    const client = await mqtt.connectAsync({
      protocol: 'mqtts',
      host: e.iotEndpoint,
      port: e.mqttsPort,
      clientId: THING,
      protocolVersion: 4,
      ca: await readFile(e.rootCaPath),
      cert: cert.pem,
      key: cert.key,
      reconnectPeriod: 0,
    });
    clients.push(client);
    await client.subscribeAsync(rotationCommitReplyFilter(THING), { qos: 1 });
    return client;
  }

  function commit(client: MqttClient, oldCertificateId: string, newCertificateId: string) {
    return new Promise<{ topic: string; payload: Record<string, unknown> }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no commit answer within 5 s')), 5_000);
      client.once('message', (topic, payload) => {
        clearTimeout(timer);
        resolve({ topic, payload: JSON.parse(payload.toString()) as Record<string, unknown> });
      });
      void client.publishAsync(
        rotationCommitTopic(THING),
        JSON.stringify({ oldCertificateId, newCertificateId, requestId: 'r-1' }),
        { qos: 1 },
      );
    });
  }

  it('deactivates and detaches the old certificate when the robot commits with the new one', async () => {
    const old = await certificateForThing();
    now += 2_000;
    const renewed = await certificateForThing();

    const robot = await connect(renewed);
    const answer = await commit(robot, old.id, renewed.id);
    expect(answer).toEqual({
      topic: `amr/${THING}/cert/commit/accepted`,
      payload: { requestId: 'r-1', deactivatedCertificateId: old.id },
    });

    const described = await iot.send(new DescribeCertificateCommand({ certificateId: old.id }));
    expect(described.certificateDescription?.status).toBe('INACTIVE');
    const principals = await iot.send(new ListThingPrincipalsCommand({ thingName: THING }));
    expect(principals.principals).toEqual([renewed.arn]);
    const policies = await iot.send(new ListAttachedPoliciesCommand({ target: old.arn }));
    expect(policies.policies).toEqual([]);
  });

  it('rejects a commit published with the old certificate and changes nothing', async () => {
    const old = await certificateForThing();
    now += 2_000;
    const renewed = await certificateForThing();

    // The robot is still on its old certificate but claims to have switched.
    const robot = await connect(old);
    const answer = await commit(robot, old.id, renewed.id);
    expect(answer).toMatchObject({
      topic: `amr/${THING}/cert/commit/rejected`,
      payload: { requestId: 'r-1', code: 'WRONG_PRINCIPAL' },
    });

    for (const id of [old.id, renewed.id]) {
      const d = await iot.send(new DescribeCertificateCommand({ certificateId: id }));
      expect(d.certificateDescription?.status).toBe('ACTIVE');
    }
  });
});
