import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { Agent, request } from 'node:https';
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
} from '@aws-sdk/client-iot';
import { IoTDataPlaneClient, PublishCommand } from '@aws-sdk/client-iot-data-plane';
import { buildDevicePolicy } from '@iot-gateway-net/policy';
import { rotationCommitReplyFilter, rotationCommitTopic } from '@iot-gateway-net/topics';
import mqtt, { type MqttClient } from 'mqtt';
import { startLocalCloud, type LocalCloud } from '../startLocalCloud.js';
import { createRules, type Rules } from './createRules.js';
import type { RuleEvent } from './types.js';

const THING = 'AMR-001';
const ECHO_ANSWERS = 'lab/answers';

interface Device {
  id: string;
  arn: string;
  pem: string;
  key: string;
}

describe('HTTPS publishes reach the rules like MQTT publishes (startLocalCloud)', () => {
  let dataDir: string;
  let cloud: LocalCloud;
  let iot: IoTClient;
  let echo: Rules;
  let ca: Buffer;
  let device: Device;
  let robot: MqttClient;
  const closers: (() => Promise<void> | void)[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-cloud-https-rules-'));
    cloud = await startLocalCloud({ dataDir }, { writeLog: () => undefined });
    const e = cloud.endpoints;
    ca = await readFile(e.rootCaPath);
    iot = new IoTClient({
      endpoint: e.controlPlaneUrl,
      region: e.region,
      credentials: { ...e.controlPlaneCredentials },
      maxAttempts: 1,
    });
    const topicArn = (topic: string) => `arn:aws:iot:${e.region}:${e.accountId}:topic/${topic}`;
    await iot.send(
      new CreatePolicyCommand({
        policyName: 'amr-device',
        policyDocument: JSON.stringify(
          buildDevicePolicy({ region: e.region, accountId: e.accountId }),
        ),
      }),
    );
    // Literal topics: the device policy's thing variables do not exist over HTTPS.
    await iot.send(
      new CreatePolicyCommand({
        policyName: 'lab',
        policyDocument: JSON.stringify({
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
        }),
      }),
    );
    await iot.send(new CreateThingCommand({ thingName: THING }));
    const cert = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    for (const policyName of ['amr-device', 'lab']) {
      await iot.send(new AttachPolicyCommand({ policyName, target: cert.certificateArn }));
    }
    await iot.send(
      new AttachThingPrincipalCommand({ thingName: THING, principal: cert.certificateArn }),
    );
    device = {
      id: cert.certificateId ?? '',
      arn: cert.certificateArn ?? '',
      pem: cert.certificatePem ?? '',
      key: cert.keyPair?.PrivateKey ?? '',
    };
    // A test rule beside the built-in ones: answers with the event the rule was handed.
    echo = createRules(cloud.context, cloud.bus, [
      {
        name: 'lab-echo',
        topicFilter: 'lab/+/echo',
        action: (event) => ({ topic: ECHO_ANSWERS, payload: event }),
      },
    ]);
    robot = await mqtt.connectAsync({
      protocol: 'mqtts',
      host: e.iotEndpoint,
      port: e.mqttsPort,
      clientId: THING,
      protocolVersion: 4,
      ca,
      cert: device.pem,
      key: device.key,
      reconnectPeriod: 0,
    });
    await robot.subscribeAsync([rotationCommitReplyFilter(THING), ECHO_ANSWERS], { qos: 1 });
  });

  afterEach(async () => {
    await robot.endAsync(true);
    for (const close of closers.splice(0)) await close();
    await echo.close();
    iot.destroy();
    await cloud.close();
    await rm(dataDir, { recursive: true, force: true });
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
        { method: 'POST', ca, cert: device.pem, key: device.key, agent: false },
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
    const earlier = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    await iot.send(
      new AttachThingPrincipalCommand({ thingName: THING, principal: earlier.certificateArn }),
    );
    const answer = nextOn(/^amr\/AMR-001\/cert\/commit\/(accepted|rejected)$/);
    const status = await postWithCertificate(
      rotationCommitTopic(THING),
      JSON.stringify({
        oldCertificateId: earlier.certificateId,
        newCertificateId: device.id,
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
    for (const certificateId of [earlier.certificateId, device.id]) {
      const described = await iot.send(new DescribeCertificateCommand({ certificateId }));
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
      requestHandler: { httpsAgent: new Agent({ ca }) },
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
      { ...envelope, via: 'https-mtls', clientId: 'n/a', principal: device.id },
      {
        ...envelope,
        via: 'https-sigv4',
        clientId: 'n/a',
        principal: e.controlPlaneCredentials.accessKeyId,
      },
      { ...envelope, via: 'mqtt', clientId: THING, principal: device.id },
    ]);
  });
});
