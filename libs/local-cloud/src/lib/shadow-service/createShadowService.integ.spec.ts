import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDevicePolicy, type PolicyDocument } from '@iot-gateway-net/policy';
import { createTestPki, type TestPki } from '@iot-gateway-net/pki/testing';
import {
  ShadowDeleteAcceptedSchema,
  ShadowDeltaSchema,
  ShadowDocumentsSchema,
  ShadowErrorSchema,
  ShadowGetAcceptedSchema,
  ShadowUpdateAcceptedSchema,
} from '@iot-gateway-net/topics';
import { connectAsync, type MqttClient } from 'mqtt';
import { registerTestDevice } from '../../testing/registerTestDevice.js';
import { startTestBroker, type TestBroker } from '../../testing/startTestBroker.js';

const THING = 'AMR-001';
const PREFIX = `$aws/things/${THING}/shadow`;
const TIMEOUT_MS = 5_000;

// An operator application: any client id, every topic (the design's operator UI role, simplified).
const OPERATOR_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['iot:*'], Resource: ['*'] }],
};

/** Collects the messages of the subscribed topics, to await them one by one. */
function inbox(client: MqttClient) {
  const received: { topic: string; payload: unknown }[] = [];
  const waiters: { topic: string; resolve: (payload: unknown) => void }[] = [];
  client.on('message', (topic, payload) => {
    const parsed: unknown = JSON.parse(payload.toString('utf8'));
    const waiter = waiters.findIndex((w) => w.topic === topic);
    if (waiter >= 0) {
      waiters.splice(waiter, 1)[0]?.resolve(parsed);
    } else {
      received.push({ topic, payload: parsed });
    }
  });
  return {
    /** The next message on `topic` (already received or arriving within 5 s). */
    next(topic: string): Promise<unknown> {
      const index = received.findIndex((m) => m.topic === topic);
      if (index >= 0) return Promise.resolve(received.splice(index, 1)[0]?.payload);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No message on ${topic}`)), TIMEOUT_MS);
        waiters.push({
          topic,
          resolve: (payload) => {
            clearTimeout(timer);
            resolve(payload);
          },
        });
      });
    },
    /** Topics received and not consumed yet. */
    pending: () => received.map((m) => m.topic),
  };
}

describe('Device Shadow service over MQTT (real broker, real clients)', () => {
  let pki: TestPki;
  let dataDir: string;
  let cloud: TestBroker;
  const clients: MqttClient[] = [];

  const connect = async (
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

  beforeAll(async () => {
    pki = await createTestPki({ now: new Date(), thingName: THING });
  });

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shadow-integ-'));
    cloud = await startTestBroker({
      dataDir,
      pki,
      dataPlane: true,
      // Specs reconnect the same client id within a second.
      broker: { connectIntervalMs: 0 },
    });
    registerTestDevice(cloud.context.registry, {
      thingName: THING,
      certificatePem: pki.device.certificatePem,
      policies: {
        'amr-device': buildDevicePolicy({ region: 'ap-northeast-1', accountId: '123456789012' }),
      },
    });
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
    await cloud.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The robot, connected as its thing with the design's device policy, subscribed to `suffixes`. */
  const device = async (suffixes: string[], prefix = PREFIX) => {
    const client = await connect(pki.device, THING);
    const messages = inbox(client);
    await client.subscribeAsync(
      suffixes.map((s) => `${prefix}/${s}`),
      { qos: 1 },
    );
    return { client, messages };
  };

  it("replays the AWS documentation's flow: desired → delta → reported → documents, get, delete", async () => {
    const operatorCert = await pki.issueDevice({ thingName: 'operator-ui' });
    registerTestDevice(cloud.context.registry, {
      certificatePem: operatorCert.certificatePem,
      policies: { operator: OPERATOR_POLICY },
    });
    const robot = await device([
      'update/accepted',
      'update/delta',
      'update/documents',
      'get/accepted',
      'get/rejected',
      'delete/accepted',
    ]);
    const app = await connect(operatorCert, 'operator-ui-1');
    const appMessages = inbox(app);
    await app.subscribeAsync([`${PREFIX}/update/accepted`, `${PREFIX}/get/accepted`], { qos: 1 });

    // "Interacting with shadows": the app requests a state change.
    await app.publishAsync(
      `${PREFIX}/update`,
      JSON.stringify({
        state: { desired: { color: { r: 10 }, engine: 'ON' } },
        clientToken: 'app-1',
      }),
      { qos: 1 },
    );
    const accepted = ShadowUpdateAcceptedSchema.parse(
      await appMessages.next(`${PREFIX}/update/accepted`),
    );
    expect(accepted).toMatchObject({
      state: { desired: { color: { r: 10 }, engine: 'ON' } },
      version: 1,
      clientToken: 'app-1',
    });
    expect(accepted.metadata).toMatchObject({
      desired: {
        color: { r: { timestamp: expect.any(Number) } },
        engine: { timestamp: expect.any(Number) },
      },
    });
    const delta = ShadowDeltaSchema.parse(await robot.messages.next(`${PREFIX}/update/delta`));
    expect(delta).toMatchObject({ state: { color: { r: 10 }, engine: 'ON' }, version: 1 });
    const created = ShadowDocumentsSchema.parse(
      await robot.messages.next(`${PREFIX}/update/documents`),
    );
    expect(created.previous).toBeUndefined();
    expect(created.current).toMatchObject({ state: { desired: { engine: 'ON' } }, version: 1 });
    await robot.messages.next(`${PREFIX}/update/accepted`);

    // The device applies the change and reports it: no delta, documents show both versions.
    await robot.client.publishAsync(
      `${PREFIX}/update`,
      JSON.stringify({ state: { reported: { color: { r: 10 }, engine: 'ON' } } }),
      { qos: 1 },
    );
    const reported = ShadowUpdateAcceptedSchema.parse(
      await robot.messages.next(`${PREFIX}/update/accepted`),
    );
    expect(reported).toMatchObject({ state: { reported: { engine: 'ON' } }, version: 2 });
    const documents = ShadowDocumentsSchema.parse(
      await robot.messages.next(`${PREFIX}/update/documents`),
    );
    expect(documents.previous).toMatchObject({ version: 1, state: { desired: { engine: 'ON' } } });
    expect(documents.current).toMatchObject({
      version: 2,
      state: {
        desired: { color: { r: 10 }, engine: 'ON' },
        reported: { color: { r: 10 }, engine: 'ON' },
      },
    });

    // Get: the full document, no delta since desired and reported agree.
    await app.publishAsync(`${PREFIX}/get`, JSON.stringify({ clientToken: 'get-1' }), { qos: 1 });
    const got = ShadowGetAcceptedSchema.parse(await appMessages.next(`${PREFIX}/get/accepted`));
    expect(got).toMatchObject({ version: 2, clientToken: 'get-1' });
    expect(got.state.delta).toBeUndefined();
    // Subscribers of get/accepted all receive the answer, as on AWS.
    await robot.messages.next(`${PREFIX}/get/accepted`);

    // Delete keeps the version; a later get is 404 and a later update continues from it.
    await robot.client.publishAsync(`${PREFIX}/delete`, '', { qos: 1 });
    const deleted = ShadowDeleteAcceptedSchema.parse(
      await robot.messages.next(`${PREFIX}/delete/accepted`),
    );
    expect(deleted.version).toBe(2);
    await robot.client.publishAsync(`${PREFIX}/get`, '', { qos: 1 });
    expect(ShadowErrorSchema.parse(await robot.messages.next(`${PREFIX}/get/rejected`))).toEqual({
      code: 404,
      message: `No shadow exists with name: '${THING}'`,
    });
    await robot.client.publishAsync(
      `${PREFIX}/update`,
      JSON.stringify({ state: { reported: { engine: 'OFF' } } }),
      { qos: 1 },
    );
    const recreated = ShadowUpdateAcceptedSchema.parse(
      await robot.messages.next(`${PREFIX}/update/accepted`),
    );
    expect(recreated.version).toBe(3);
  });

  it('rejects a stale version with 409 Version conflict on update/rejected', async () => {
    const robot = await device(['update/accepted', 'update/rejected']);
    await robot.client.publishAsync(
      `${PREFIX}/update`,
      JSON.stringify({ state: { reported: { a: 1 } } }),
    );
    await robot.messages.next(`${PREFIX}/update/accepted`);

    await robot.client.publishAsync(
      `${PREFIX}/update`,
      JSON.stringify({ state: { reported: { a: 2 } }, version: 7, clientToken: 'stale' }),
    );
    expect(await robot.messages.next(`${PREFIX}/update/rejected`)).toEqual({
      code: 409,
      message: 'Version conflict',
      clientToken: 'stale',
    });

    await robot.client.publishAsync(
      `${PREFIX}/update`,
      JSON.stringify({ state: { reported: { a: 2 } }, version: 1 }),
    );
    expect(
      ShadowUpdateAcceptedSchema.parse(await robot.messages.next(`${PREFIX}/update/accepted`))
        .version,
    ).toBe(2);
  });

  it('enforces the 8 KB request and document limits and the depth limit', async () => {
    const robot = await device(['update/accepted', 'update/rejected']);
    const tooLarge = ShadowErrorSchema.parse;

    await robot.client.publishAsync(
      `${PREFIX}/update`,
      JSON.stringify({ state: { reported: { blob: 'x'.repeat(9000) } } }),
    );
    expect(tooLarge(await robot.messages.next(`${PREFIX}/update/rejected`))).toMatchObject({
      code: 413,
      message: 'The payload exceeds the maximum size allowed',
    });

    // Each request fits, but desired + reported together would pass 8 KB.
    await robot.client.publishAsync(
      `${PREFIX}/update`,
      JSON.stringify({ state: { reported: { half: 'r'.repeat(5000) } } }),
    );
    await robot.messages.next(`${PREFIX}/update/accepted`);
    await robot.client.publishAsync(
      `${PREFIX}/update`,
      JSON.stringify({ state: { desired: { half: 'd'.repeat(5000) } } }),
    );
    expect(tooLarge(await robot.messages.next(`${PREFIX}/update/rejected`))).toMatchObject({
      code: 413,
      message: 'The payload exceeds the maximum size allowed',
    });

    const sevenLevels = { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } };
    await robot.client.publishAsync(
      `${PREFIX}/update`,
      JSON.stringify({ state: { desired: sevenLevels } }),
    );
    expect(await robot.messages.next(`${PREFIX}/update/rejected`)).toEqual({
      code: 400,
      message: 'JSON contains too many levels of nesting; maximum is 6',
    });
    expect(cloud.context.registry.getShadow(THING, '')?.version).toBe(1);
  });

  it('serves the named shadow "robot" apart from the classic shadow', async () => {
    const named = `${PREFIX}/name/robot`;
    const robot = await device(
      ['update/accepted', 'update/delta', 'get/accepted', 'get/rejected'],
      named,
    );
    await robot.client.subscribeAsync(`${PREFIX}/get/rejected`, { qos: 1 });

    await robot.client.publishAsync(
      `${named}/update`,
      JSON.stringify({ state: { desired: { mode: 'AUTO' }, reported: { mode: 'MANUAL' } } }),
    );
    expect(
      ShadowUpdateAcceptedSchema.parse(await robot.messages.next(`${named}/update/accepted`))
        .version,
    ).toBe(1);
    expect(
      ShadowDeltaSchema.parse(await robot.messages.next(`${named}/update/delta`)).state,
    ).toEqual({
      mode: 'AUTO',
    });
    await robot.client.publishAsync(`${named}/get`, '');
    expect(
      ShadowGetAcceptedSchema.parse(await robot.messages.next(`${named}/get/accepted`)).state,
    ).toEqual({
      desired: { mode: 'AUTO' },
      reported: { mode: 'MANUAL' },
      delta: { mode: 'AUTO' },
    });

    await robot.client.publishAsync(`${PREFIX}/get`, '');
    expect(await robot.messages.next(`${PREFIX}/get/rejected`)).toMatchObject({
      code: 404,
      message: `No shadow exists with name: '${THING}'`,
    });
    expect(cloud.context.registry.listNamedShadows(THING).items).toEqual(['robot']);
  });

  it("answers malformed requests on update/rejected with AWS's error documents", async () => {
    const robot = await device(['update/rejected']);
    const cases: [string, string][] = [
      ['{"state":', 'Invalid JSON'],
      ['{"clientToken":"only"}', 'Missing required node: state'],
      ['{"state":1}', 'State node must be an object'],
      ['{"state":{"desired":"on"}}', 'Desired node must be an object'],
      ['{"state":{"reported":[1]}}', 'Reported node must be an object'],
      ['{"state":{"other":{}}}', 'State contains an invalid node'],
      ['{"state":{"desired":{"a":1}},"version":"one"}', 'Invalid version'],
    ];
    for (const [payload, message] of cases) {
      await robot.client.publishAsync(`${PREFIX}/update`, payload);
      expect(await robot.messages.next(`${PREFIX}/update/rejected`)).toMatchObject({
        code: 400,
        message,
      });
    }
    await robot.client.publishAsync(`${PREFIX}/update`, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    expect(await robot.messages.next(`${PREFIX}/update/rejected`)).toMatchObject({
      code: 415,
      message: 'Unsupported documented encoding; supported encoding is UTF-8',
    });
    expect(cloud.context.registry.getShadow(THING, '')).toBeUndefined();
    expect(robot.client.connected).toBe(true);
  });

  it('counts shadow operations in the metrics', async () => {
    const robot = await device(['update/accepted', 'update/rejected']);
    await robot.client.publishAsync(`${PREFIX}/update`, '{"state":{"reported":{"ok":true}}}');
    await robot.messages.next(`${PREFIX}/update/accepted`);
    await robot.client.publishAsync(`${PREFIX}/update`, 'nope');
    await robot.messages.next(`${PREFIX}/update/rejected`);

    const text = cloud.context.metrics.render();
    expect(text).toContain(
      'local_cloud_shadow_operations_total{operation="update",protocol="mqtt",result="accepted"} 1',
    );
    expect(text).toContain(
      'local_cloud_shadow_operations_total{operation="update",protocol="mqtt",result="rejected"} 1',
    );
  });
});
