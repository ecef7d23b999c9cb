import {
  CreatePolicyCommand,
  CreateThingCommand,
  DescribeCertificateCommand,
  ListAttachedPoliciesCommand,
  ListThingPrincipalsCommand,
} from '@aws-sdk/client-iot';
import { buildDevicePolicy } from '@iot-gateway-net/policy';
import { rotationCommitReplyFilter, rotationCommitTopic } from '@iot-gateway-net/topics';
import type { MqttClient } from 'mqtt';
import { startTestCloud, type TestCloud } from '../../testing/startTestCloud.js';
import type { TestDevice } from '../../testing/types.js';

const THING = 'AMR-001';

describe('rotation commit rule (cloud function in the local cloud)', () => {
  // The cloud's clock, moved forward by hand (cloud.advance): certificate creation dates have
  // one-second resolution and the handler requires the committing certificate to be newer.
  let cloud: TestCloud;

  beforeEach(async () => {
    cloud = await startTestCloud({ startAt: Date.now(), dirPrefix: 'local-cloud-rules-' });
    const e = cloud.endpoints;
    await cloud.iot.send(
      new CreatePolicyCommand({
        policyName: 'amr-device',
        policyDocument: JSON.stringify(
          buildDevicePolicy({ region: e.region, accountId: e.accountId }),
        ),
      }),
    );
    await cloud.iot.send(new CreateThingCommand({ thingName: THING }));
  });
  afterEach(async () => {
    await cloud.close();
  });

  const certificateForThing = () =>
    cloud.createDevice({ thingName: THING, createThing: false, attachPolicies: ['amr-device'] });

  async function connect(device: TestDevice): Promise<MqttClient> {
    const client = await cloud.connect(device, THING);
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
    cloud.advance(2_000);
    const renewed = await certificateForThing();

    const robot = await connect(renewed);
    const answer = await commit(robot, old.certificateId, renewed.certificateId);
    expect(answer).toEqual({
      topic: `amr/${THING}/cert/commit/accepted`,
      payload: { requestId: 'r-1', deactivatedCertificateId: old.certificateId },
    });

    const described = await cloud.iot.send(
      new DescribeCertificateCommand({ certificateId: old.certificateId }),
    );
    expect(described.certificateDescription?.status).toBe('INACTIVE');
    const principals = await cloud.iot.send(new ListThingPrincipalsCommand({ thingName: THING }));
    expect(principals.principals).toEqual([renewed.certificateArn]);
    const policies = await cloud.iot.send(
      new ListAttachedPoliciesCommand({ target: old.certificateArn }),
    );
    expect(policies.policies).toEqual([]);
  });

  it('rejects a commit published with the old certificate and changes nothing', async () => {
    const old = await certificateForThing();
    cloud.advance(2_000);
    const renewed = await certificateForThing();

    // The robot is still on its old certificate but claims to have switched.
    const robot = await connect(old);
    const answer = await commit(robot, old.certificateId, renewed.certificateId);
    expect(answer).toMatchObject({
      topic: `amr/${THING}/cert/commit/rejected`,
      payload: { requestId: 'r-1', code: 'WRONG_PRINCIPAL' },
    });

    for (const id of [old.certificateId, renewed.certificateId]) {
      const d = await cloud.iot.send(new DescribeCertificateCommand({ certificateId: id }));
      expect(d.certificateDescription?.status).toBe('ACTIVE');
    }
  });
});
