import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConflictException,
  DeleteThingShadowCommand,
  ForbiddenException,
  GetRetainedMessageCommand,
  GetThingShadowCommand,
  InvalidRequestException,
  IoTDataPlaneClient,
  ListNamedShadowsForThingCommand,
  ListRetainedMessagesCommand,
  PublishCommand,
  RequestEntityTooLargeException,
  ResourceNotFoundException,
  UpdateThingShadowCommand,
} from '@aws-sdk/client-iot-data-plane';
import { buildDevicePolicy, type PolicyDocument } from '@iot-gateway-net/policy';
import { createTestPki, type TestPki } from '@iot-gateway-net/pki/testing';
import { connectAsync, type MqttClient } from 'mqtt';
import type { CredentialRecord } from '../context/CredentialStore.js';
import { registerTestDevice } from '../../testing/registerTestDevice.js';
import { startTestBroker, type TestBroker } from '../../testing/startTestBroker.js';

const REGION = 'ap-northeast-1';
const ACCOUNT = '123456789012';
const THING = 'AMR-001';
const PREFIX = `$aws/things/${THING}/shadow`;
const TIMEOUT_MS = 5_000;

const ADMIN: CredentialRecord = {
  accessKeyId: 'AKIALOCALADMIN000001',
  secretAccessKey: 'local-admin-secret-0000000000000000000000',
  identity: { kind: 'admin' },
};
// An IAM identity that may only read AMR-001's classic shadow.
const READER: CredentialRecord = {
  accessKeyId: 'AKIALOCALREADER00001',
  secretAccessKey: 'local-reader-secret-000000000000000000000',
  identity: {
    kind: 'iam',
    iamPolicies: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['iot:GetThingShadow'],
            Resource: [`arn:aws:iot:${REGION}:${ACCOUNT}:thing/${THING}`],
          },
        ],
      },
    ],
  },
};
const OPERATOR_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['iot:*'], Resource: ['*'] }],
};
// Literal topics: over HTTPS the thing policy variables of the device policy do not resolve.
const HTTPS_PUBLISH_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['iot:Publish'],
      Resource: [
        `arn:aws:iot:${REGION}:${ACCOUNT}:topic/amr/${THING}/telemetry`,
        `arn:aws:iot:${REGION}:${ACCOUNT}:topic/${PREFIX}/update`,
      ],
    },
  ],
};

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('HTTPS data plane (real SDK, real broker)', () => {
  let pki: TestPki;
  let dataDir: string;
  let cloud: TestBroker;
  let agent: Agent;
  const clients: MqttClient[] = [];
  const sdkClients: IoTDataPlaneClient[] = [];

  const sdk = (credential: CredentialRecord = ADMIN): IoTDataPlaneClient => {
    const client = new IoTDataPlaneClient({
      endpoint: cloud.httpsUrl,
      region: REGION,
      credentials: {
        accessKeyId: credential.accessKeyId,
        secretAccessKey: credential.secretAccessKey,
      },
      requestHandler: { httpsAgent: agent },
      maxAttempts: 1,
    });
    sdkClients.push(client);
    return client;
  };

  const raw = (
    method: string,
    path: string,
    options: {
      body?: string | Buffer;
      certificate?: { certificatePem: string; privateKeyPem: string };
    } = {},
  ): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const req = request(
        `${cloud.httpsUrl}${path}`,
        {
          method,
          ca: pki.ca.certificatePem,
          ...(options.certificate
            ? { cert: options.certificate.certificatePem, key: options.certificate.privateKeyPem }
            : {}),
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });

  const mqttClient = async (
    certificate: { certificatePem: string; privateKeyPem: string },
    clientId: string,
  ): Promise<MqttClient> => {
    const client = await connectAsync(`mqtts://localhost:${cloud.mqttsPort}`, {
      clientId,
      protocolVersion: 4,
      reconnectPeriod: 0,
      key: certificate.privateKeyPem,
      cert: certificate.certificatePem,
      ca: pki.ca.certificatePem,
    });
    clients.push(client);
    return client;
  };

  /** Subscribes to `topic`; `message` resolves with the next payload on it. */
  const subscribeOnce = async (
    client: MqttClient,
    topic: string,
  ): Promise<{ message: Promise<string> }> => {
    const message = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No message on ${topic}`)), TIMEOUT_MS);
      const onMessage = (received: string, payload: Buffer): void => {
        if (received !== topic) return;
        clearTimeout(timer);
        client.off('message', onMessage);
        resolve(payload.toString('utf8'));
      };
      client.on('message', onMessage);
    });
    await client.subscribeAsync(topic, { qos: 1 });
    return { message };
  };

  const operator = async (): Promise<MqttClient> => {
    const certificate = await pki.issueDevice({ thingName: 'operator-ui' });
    registerTestDevice(cloud.context.registry, {
      certificatePem: certificate.certificatePem,
      policies: { operator: OPERATOR_POLICY },
    });
    return mqttClient(certificate, 'operator-ui-1');
  };

  beforeAll(async () => {
    pki = await createTestPki({ now: new Date(), thingName: THING });
    agent = new Agent({ ca: pki.ca.certificatePem });
  });

  afterAll(() => agent.destroy());

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'data-plane-integ-'));
    cloud = await startTestBroker({
      dataDir,
      pki,
      dataPlane: true,
      // Specs reconnect the same client id within a second.
      broker: { connectIntervalMs: 0 },
      credentials: [ADMIN, READER],
    });
    registerTestDevice(cloud.context.registry, {
      thingName: THING,
      certificatePem: pki.device.certificatePem,
      policies: {
        'amr-device': buildDevicePolicy({ region: REGION, accountId: ACCOUNT }),
        'amr-https-publish': HTTPS_PUBLISH_POLICY,
      },
    });
  });

  afterEach(async () => {
    sdkClients.splice(0).forEach((c) => c.destroy());
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
    await cloud.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('Publish with a client certificate', () => {
    it('delivers an HTTPS publish to an MQTT subscriber', async () => {
      const app = await operator();
      const received = await subscribeOnce(app, `amr/${THING}/telemetry`);

      const response = await raw('POST', `/topics/amr%2F${THING}%2Ftelemetry?qos=1`, {
        body: '{"speed":1.5}',
        certificate: pki.device,
      });

      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ message: 'OK' });
      expect(await received.message).toBe('{"speed":1.5}');
    });

    it('executes a publish to a shadow request topic as a shadow request', async () => {
      const app = await operator();
      const accepted = await subscribeOnce(app, `${PREFIX}/update/accepted`);

      const response = await raw('POST', `/topics/${encodeURIComponent(`${PREFIX}/update`)}`, {
        body: JSON.stringify({ state: { reported: { battery: 80 } } }),
        certificate: pki.device,
      });

      expect(response.status).toBe(200);
      expect(JSON.parse(await accepted.message)).toMatchObject({
        state: { reported: { battery: 80 } },
        version: 1,
      });
    });

    it('refuses what only the thing policy variables would allow (they do not exist over HTTPS)', async () => {
      const other = await pki.issueDevice({ thingName: 'AMR-002' });
      registerTestDevice(cloud.context.registry, {
        thingName: 'AMR-002',
        certificatePem: other.certificatePem,
        policies: { 'amr-device': buildDevicePolicy({ region: REGION, accountId: ACCOUNT }) },
      });

      const response = await raw('POST', '/topics/amr%2FAMR-002%2Fstatus', {
        body: '{}',
        certificate: other,
      });

      expect(response.status).toBe(403);
      expect(response.headers['x-amzn-errortype']).toBe('ForbiddenException');
      expect(JSON.parse(response.body)).toEqual({ message: 'Forbidden' });
    });

    it('refuses an unregistered or inactive certificate with 401 UnauthorizedException', async () => {
      const stranger = await pki.issueDevice({ thingName: 'AMR-404' });
      const unknown = await raw('POST', '/topics/amr%2FAMR-404%2Fstatus', {
        body: '{}',
        certificate: stranger,
      });
      expect(unknown.status).toBe(401);
      expect(unknown.headers['x-amzn-errortype']).toBe('UnauthorizedException');

      const record = cloud.context.registry
        .listCertificates()
        .items.find((c) => c.certificatePem === pki.device.certificatePem);
      cloud.context.registry.updateCertificateStatus(record?.certificateId ?? '', 'INACTIVE');
      const inactive = await raw('POST', `/topics/amr%2F${THING}%2Ftelemetry`, {
        body: '{}',
        certificate: pki.device,
      });
      expect(inactive.status).toBe(401);
      expect(JSON.parse(inactive.body)).toMatchObject({
        message: expect.stringContaining('INACTIVE') as unknown,
      });
    });

    it('answers 413 for a payload over 128 KiB and 400 for a bad topic or qos', async () => {
      const oversized = await raw('POST', `/topics/amr%2F${THING}%2Ftelemetry`, {
        body: Buffer.alloc(128 * 1024 + 1, 0x61),
        certificate: pki.device,
      });
      expect(oversized.status).toBe(413);
      expect(oversized.headers['x-amzn-errortype']).toBe('RequestEntityTooLargeException');

      const wildcard = await raw('POST', '/topics/amr%2F%2B%2Fstatus', {
        body: '{}',
        certificate: pki.device,
      });
      expect(wildcard.status).toBe(400);
      expect(wildcard.headers['x-amzn-errortype']).toBe('InvalidRequestException');

      const qos2 = await raw('POST', `/topics/amr%2F${THING}%2Ftelemetry?qos=2`, {
        body: '{}',
        certificate: pki.device,
      });
      expect(qos2.status).toBe(400);
      expect(JSON.parse(qos2.body)).toEqual({ message: 'Unexpected qos "2", expected 0 or 1' });
    });
  });

  describe('retained messages', () => {
    it('lists and returns a retained publish', async () => {
      const client = sdk();
      await client.send(
        new PublishCommand({
          topic: `amr/${THING}/status`,
          payload: new TextEncoder().encode('{"state":"IDLE"}'),
          qos: 1,
          retain: true,
        }),
      );

      const listed = await client.send(new ListRetainedMessagesCommand({}));
      expect(listed.retainedTopics).toEqual([
        {
          topic: `amr/${THING}/status`,
          payloadSize: 16,
          qos: 1,
          lastModifiedTime: expect.any(Number) as unknown,
        },
      ]);
      const got = await client.send(
        new GetRetainedMessageCommand({ topic: `amr/${THING}/status` }),
      );
      expect(new TextDecoder().decode(got.payload)).toBe('{"state":"IDLE"}');
      expect(got.qos).toBe(1);

      await expect(
        client.send(new GetRetainedMessageCommand({ topic: `amr/${THING}/none` })),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });
  });

  describe('shadows through @aws-sdk/client-iot-data-plane', () => {
    const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
    const parse = (payload: Uint8Array | undefined): unknown =>
      JSON.parse(new TextDecoder().decode(payload));

    it('updates, reads, lists and deletes shadows, with the MQTT side effects', async () => {
      const client = sdk();
      const robot = await mqttClient(pki.device, THING);
      const delta = await subscribeOnce(robot, `${PREFIX}/update/delta`);
      const documents = await subscribeOnce(robot, `${PREFIX}/update/documents`);

      const updated = await client.send(
        new UpdateThingShadowCommand({
          thingName: THING,
          payload: json({ state: { desired: { mode: 'AUTO' } }, clientToken: 'sdk-1' }),
        }),
      );
      expect(parse(updated.payload)).toMatchObject({
        state: { desired: { mode: 'AUTO' } },
        version: 1,
        clientToken: 'sdk-1',
      });
      expect(JSON.parse(await delta.message)).toMatchObject({
        state: { mode: 'AUTO' },
        version: 1,
      });
      expect(JSON.parse(await documents.message)).toMatchObject({ current: { version: 1 } });

      const got = await client.send(new GetThingShadowCommand({ thingName: THING }));
      expect(parse(got.payload)).toMatchObject({
        state: { desired: { mode: 'AUTO' }, delta: { mode: 'AUTO' } },
        version: 1,
      });

      await client.send(
        new UpdateThingShadowCommand({
          thingName: THING,
          shadowName: 'robot',
          payload: json({ state: { reported: { pose: { x: 1, y: 2 } } } }),
        }),
      );
      const listed = await client.send(new ListNamedShadowsForThingCommand({ thingName: THING }));
      expect(listed.results).toEqual(['robot']);
      expect(typeof listed.timestamp).toBe('number');
      const unknownThing = await client.send(
        new ListNamedShadowsForThingCommand({ thingName: 'AMR-999' }),
      );
      expect(unknownThing.results).toEqual([]);

      const deleted = await client.send(
        new DeleteThingShadowCommand({ thingName: THING, shadowName: 'robot' }),
      );
      expect(parse(deleted.payload)).toMatchObject({ version: 1 });
      expect(
        (await client.send(new ListNamedShadowsForThingCommand({ thingName: THING }))).results,
      ).toEqual([]);
      const missing = client.send(
        new GetThingShadowCommand({ thingName: THING, shadowName: 'robot' }),
      );
      await expect(missing).rejects.toBeInstanceOf(ResourceNotFoundException);
      await expect(missing).rejects.toMatchObject({
        message: "No shadow exists with name: 'robot'",
        $metadata: { httpStatusCode: 404 },
      });
    });

    it('answers errors with typed exceptions and publishes no MQTT error for them', async () => {
      const client = sdk();
      const robot = await mqttClient(pki.device, THING);
      const rejected = await subscribeOnce(robot, `${PREFIX}/update/rejected`);
      await client.send(
        new UpdateThingShadowCommand({
          thingName: THING,
          payload: json({ state: { reported: { a: 1 } } }),
        }),
      );

      const conflict = client.send(
        new UpdateThingShadowCommand({
          thingName: THING,
          payload: json({ state: { reported: { a: 2 } }, version: 9, clientToken: 'rest' }),
        }),
      );
      await expect(conflict).rejects.toBeInstanceOf(ConflictException);
      await expect(conflict).rejects.toMatchObject({ message: 'Version conflict' });
      await expect(
        client.send(
          new UpdateThingShadowCommand({
            thingName: THING,
            payload: new TextEncoder().encode('{"state":'),
          }),
        ),
      ).rejects.toMatchObject({ name: 'InvalidRequestException', message: 'Invalid JSON' });
      await expect(
        client.send(
          new UpdateThingShadowCommand({
            thingName: THING,
            payload: json({ state: { reported: { blob: 'x'.repeat(9000) } } }),
          }),
        ),
      ).rejects.toBeInstanceOf(RequestEntityTooLargeException);
      await expect(
        client.send(new GetThingShadowCommand({ thingName: 'bad name' })),
      ).rejects.toBeInstanceOf(InvalidRequestException);

      // The first rejection seen on MQTT is the MQTT request's, not one of the REST errors above.
      await robot.publishAsync(
        `${PREFIX}/update`,
        JSON.stringify({ state: { reported: { a: 3 } }, version: 9, clientToken: 'mqtt' }),
      );
      expect(JSON.parse(await rejected.message)).toEqual({
        code: 409,
        message: 'Version conflict',
        clientToken: 'mqtt',
      });
      await expect(
        client.send(new DeleteThingShadowCommand({ thingName: 'AMR-404' })),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it('authorizes SigV4 callers with their IAM policies', async () => {
      await sdk().send(
        new UpdateThingShadowCommand({
          thingName: THING,
          payload: json({ state: { reported: { a: 1 } } }),
        }),
      );
      const reader = sdk(READER);

      const got = await reader.send(new GetThingShadowCommand({ thingName: THING }));
      expect(parse(got.payload)).toMatchObject({ version: 1 });
      await expect(
        reader.send(
          new UpdateThingShadowCommand({
            thingName: THING,
            payload: json({ state: { desired: { a: 2 } } }),
          }),
        ),
      ).rejects.toBeInstanceOf(ForbiddenException);
      await expect(
        reader.send(new GetThingShadowCommand({ thingName: THING, shadowName: 'robot' })),
      ).rejects.toMatchObject({ name: 'ForbiddenException', message: 'Forbidden' });
      await expect(
        sdk({ ...ADMIN, secretAccessKey: 'wrong-secret' }).send(
          new GetThingShadowCommand({ thingName: THING }),
        ),
      ).rejects.toMatchObject({
        name: 'InvalidSignatureException',
        $metadata: { httpStatusCode: 403 },
      });
    });
  });

  describe('bad requests', () => {
    it('answers unknown routes, wrong methods and unsigned calls in AWS shape', async () => {
      const unknown = await raw('GET', '/nothing/here');
      expect(unknown.status).toBe(404);
      expect(unknown.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
      expect(JSON.parse(unknown.body)).toHaveProperty('message');

      const wrongMethod = await raw('PUT', `/things/${THING}/shadow`, { body: '{}' });
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers['x-amzn-errortype']).toBe('MethodNotAllowedException');
      expect(wrongMethod.headers.allow).toBe('GET, POST, DELETE');

      const unsigned = await raw('GET', `/things/${THING}/shadow`);
      expect(unsigned.status).toBe(403);
      expect(unsigned.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
      expect(JSON.parse(unsigned.body)).toEqual({ message: 'Missing Authentication Token' });
    });

    it('answers an oversized shadow body with the shadow 413 document', async () => {
      const response = await raw('POST', `/things/${THING}/shadow`, {
        body: JSON.stringify({ state: { reported: { blob: 'x'.repeat(9000) } } }),
        certificate: pki.device,
      });
      expect(response.status).toBe(413);
      expect(response.headers['x-amzn-errortype']).toBe('RequestEntityTooLargeException');
      expect(JSON.parse(response.body)).toMatchObject({
        code: 413,
        message: 'The payload exceeds the maximum size allowed',
      });
    });
  });
});
