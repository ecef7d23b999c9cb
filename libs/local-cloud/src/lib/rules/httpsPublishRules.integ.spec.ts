import { Agent, request } from 'node:https';
import {
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  DescribeCertificateCommand,
} from '@aws-sdk/client-iot';
import { IoTDataPlaneClient, PublishCommand } from '@aws-sdk/client-iot-data-plane';
import { buildDevicePolicy } from '@iot-gateway-net/policy';
import { rotationCommitReplyFilter, rotationCommitTopic } from '@iot-gateway-net/topics';
import type { MqttClient } from 'mqtt';
import { startTestCloud, type TestCloud } from '../../testing/startTestCloud.js';
import type { TestDevice } from '../../testing/types.js';
import { createRules, type Rules } from './createRules.js';
import type { RuleEvent } from './types.js';

const THING = 'AMR-001';
const ECHO_ANSWERS = 'lab/answers';

describe('HTTPS publishes reach the rules like MQTT publishes (startLocalCloud)', () => {
  let cloud: TestCloud;
  let echo: Rules;
  let device: TestDevice;
  let robot: MqttClient;
  const closers: (() => Promise<void> | void)[] = [];

  beforeEach(async () => {
    cloud = await startTestCloud({
      iot: { maxAttempts: 1 },
      dirPrefix: 'local-cloud-https-rules-',
    });
    const e = cloud.endpoints;
    const topicArn = (topic: string) => `arn:aws:iot:${e.region}:${e.accountId}:topic/${topic}`;
    await cloud.iot.send(
      new CreatePolicyCommand({
        policyName: 'amr-device',
        policyDocument: JSON.stringify(
          buildDevicePolicy({ region: e.region, accountId: e.accountId }),
        ),
      }),
    );
    device = await cloud.createDevice({
      thingName: THING,
      attachPolicies: ['amr-device'],
      policies: {
        // Literal topics: the device policy's thing variables do not exist over HTTPS.
        lab: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['iot:Publish'],
              Resource: [topicArn(rotationCommitTopic(THING)), topicArn(`lab/${THING}/echo`)],
            },
            { Effect: 'Allow', Action: ['iot:Receive'], Resource: [topicArn(ECHO_ANSWERS)] },
            {
              Effect: 'Allow',
              Action: ['iot:Subscribe'],
              Resource: [`arn:aws:iot:${e.region}:${e.accountId}:topicfilter/${ECHO_ANSWERS}`],
            },
          ],
        },
      },
    });
    // A test rule beside the built-in ones: answers with the event the rule was handed.
    echo = createRules(cloud.context, cloud.bus, [
      {
        name: 'lab-echo',
        topicFilter: 'lab/+/echo',
        action: (event) => ({ topic: ECHO_ANSWERS, payload: event }),
      },
    ]);
    robot = await cloud.connect(device, THING);
    await robot.subscribeAsync([rotationCommitReplyFilter(THING), ECHO_ANSWERS], { qos: 1 });
  });

  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await echo.close();
    await cloud.close();
  });

  /** The next message the robot receives on `topic` (JSON). */
  const nextOn = (topic: string | RegExp) =>
    new Promise<{ topic: string; payload: Record<string, unknown> }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`nothing on ${String(topic)} in 5 s`)),
        5_000,
      );
      const onMessage = (t: string, payload: Buffer): void => {
        if (typeof topic === 'string' ? t !== topic : !topic.test(t)) return;
        clearTimeout(timer);
        robot.off('message', onMessage);
        resolve({ topic: t, payload: JSON.parse(payload.toString()) as Record<string, unknown> });
      };
      robot.on('message', onMessage);
    });

  /** `POST /topics/<topic>` with the device's client certificate (mutual TLS). */
  const postWithCertificate = (topic: string, body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        `${cloud.endpoints.httpsDataUrl}/topics/${encodeURIComponent(topic)}?qos=1`,
        {
          method: 'POST',
          ca: cloud.rootCaPem,
          cert: device.certificatePem,
          key: device.privateKeyPem,
          agent: false,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  it('runs the rotation-commit rule on an HTTPS publish and answers the MQTT subscriber', async () => {
    // An earlier certificate of the same thing, which the commit names as the one to retire.
    const earlier = await cloud.iot.send(
      new CreateKeysAndCertificateCommand({ setAsActive: true }),
    );
    await cloud.iot.send(
      new AttachThingPrincipalCommand({ thingName: THING, principal: earlier.certificateArn }),
    );
    const answer = nextOn(/^amr\/AMR-001\/cert\/commit\/(accepted|rejected)$/);
    const status = await postWithCertificate(
      rotationCommitTopic(THING),
      JSON.stringify({
        oldCertificateId: earlier.certificateId,
        newCertificateId: device.certificateId,
        requestId: 'h-1',
      }),
    );
    expect(status).toBe(200);
    // clientid() is "n/a" for a message not sent over MQTT, so the handler, which requires the
    // publisher's client id to be the thing, refuses and changes nothing — as on AWS.
    expect(await answer).toMatchObject({
      topic: `amr/${THING}/cert/commit/rejected`,
      payload: { requestId: 'h-1', code: 'WRONG_CLIENT_ID' },
    });
    for (const certificateId of [earlier.certificateId, device.certificateId]) {
      const described = await cloud.iot.send(new DescribeCertificateCommand({ certificateId }));
      expect(described.certificateDescription?.status).toBe('ACTIVE');
    }
  });

  it('hands a rule the same event fields for mutual-TLS HTTPS, SigV4 HTTPS and MQTT publishes', async () => {
    const events: RuleEvent[] = [];
    const collect = async (publish: () => Promise<unknown>): Promise<void> => {
      const answer = nextOn(ECHO_ANSWERS);
      await publish();
      events.push((await answer).payload as RuleEvent);
    };

    await collect(() => postWithCertificate(`lab/${THING}/echo`, '{"via":"https-mtls"}'));
    const e = cloud.endpoints;
    const data = new IoTDataPlaneClient({
      endpoint: e.httpsDataUrl,
      region: e.region,
      credentials: { ...e.controlPlaneCredentials },
      requestHandler: { httpsAgent: new Agent({ ca: cloud.rootCaPem }) },
      maxAttempts: 1,
    });
    closers.push(() => data.destroy());
    await collect(() =>
      data.send(
        new PublishCommand({
          topic: `lab/${THING}/echo`,
          qos: 1,
          payload: '{"via":"https-sigv4"}',
        }),
      ),
    );
    await collect(() => robot.publishAsync(`lab/${THING}/echo`, '{"via":"mqtt"}', { qos: 1 }));

    const envelope = {
      topic: `lab/${THING}/echo`,
      timestamp: expect.any(Number) as unknown,
    };
    expect(events).toEqual([
      { ...envelope, via: 'https-mtls', clientId: 'n/a', principal: device.certificateId },
      {
        ...envelope,
        via: 'https-sigv4',
        clientId: 'n/a',
        principal: e.controlPlaneCredentials.accessKeyId,
      },
      { ...envelope, via: 'mqtt', clientId: THING, principal: device.certificateId },
    ]);
  });
});
