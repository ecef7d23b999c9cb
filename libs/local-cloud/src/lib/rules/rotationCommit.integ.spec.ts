import {
  CreatePolicyCommand,
  CreateThingCommand,
  DescribeCertificateCommand,
  ListAttachedPoliciesCommand,
  ListPrincipalThingsCommand,
  ListThingPrincipalsCommand,
  type IoTClient,
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

  /** Status, things and policies of a certificate, through the control plane. */
  async function stateOf(
    iot: IoTClient,
    device: { certificateId: string; certificateArn: string },
  ) {
    const described = await iot.send(
      new DescribeCertificateCommand({ certificateId: device.certificateId }),
    );
    const policies = await iot.send(
      new ListAttachedPoliciesCommand({ target: device.certificateArn }),
    );
    const things = await iot.send(
      new ListPrincipalThingsCommand({ principal: device.certificateArn }),
    );
    return {
      status: described.certificateDescription?.status,
      things: things.things,
      policies: policies.policies?.map((p) => p.policyName),
    };
  }

  it("refuses a commit published with another thing's certificate, and changes nothing", async () => {
    const old = await certificateForThing();
    cloud.advance(2_000);
    const other = await cloud.createDevice({
      thingName: 'AMR-002',
      attachPolicies: ['amr-device'],
    });

    // The device policy binds the client id to the certificate's thing: AMR-002's certificate
    // cannot connect as AMR-001 ...
    expect(await cloud.connectRefused(other, THING)).toBe(5);
    // ... and, connected as AMR-002, cannot publish on AMR-001's commit topic (MQTT 3.1.1: the
    // denied publish closes the connection).
    const intruder = await cloud.connect(other, 'AMR-002');
    const closed = new Promise<void>((resolve) => intruder.once('close', () => resolve()));
    intruder.publish(
      rotationCommitTopic(THING),
      JSON.stringify({
        oldCertificateId: old.certificateId,
        newCertificateId: other.certificateId,
        requestId: 'r-1',
      }),
      { qos: 1 },
    );
    await closed;

    // A certificate whose policy allows everything still fails the handler's own check: it is not
    // attached to AMR-001.
    cloud.advance(2_000);
    const broad = await cloud.createDevice({
      thingName: 'AMR-003',
      policies: {
        'allow-all': {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['iot:*'], Resource: ['*'] }],
        },
      },
    });
    const impostor = await connect(broad);
    expect(await commit(impostor, old.certificateId, broad.certificateId)).toMatchObject({
      topic: `amr/${THING}/cert/commit/rejected`,
      payload: { requestId: 'r-1', code: 'NOT_ATTACHED' },
    });

    expect(await stateOf(cloud.iot, old)).toEqual({
      status: 'ACTIVE',
      things: [THING],
      policies: ['amr-device'],
    });
    expect(await stateOf(cloud.iot, other)).toEqual({
      status: 'ACTIVE',
      things: ['AMR-002'],
      policies: ['amr-device'],
    });
  });

  it("rejects a commit naming another thing's certificate as the old one, and changes nothing", async () => {
    const other = await cloud.createDevice({
      thingName: 'AMR-002',
      attachPolicies: ['amr-device'],
    });
    await certificateForThing();
    cloud.advance(2_000);
    const renewed = await certificateForThing();

    const robot = await connect(renewed);
    expect(await commit(robot, other.certificateId, renewed.certificateId)).toMatchObject({
      topic: `amr/${THING}/cert/commit/rejected`,
      payload: { requestId: 'r-1', code: 'OLD_NOT_ATTACHED' },
    });

    expect(await stateOf(cloud.iot, other)).toEqual({
      status: 'ACTIVE',
      things: ['AMR-002'],
      policies: ['amr-device'],
    });
    expect((await stateOf(cloud.iot, renewed)).status).toBe('ACTIVE');
  });
});
