import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { buildDevicePolicy, type PolicyDocument } from '@iot-gateway-net/policy';
import {
  PresenceConnectFailedEventSchema,
  PresenceDisconnectedEventSchema,
} from '@iot-gateway-net/topics';
import { emitEvent } from '../../testing/emitEvent.js';
import { nextEvent } from '../../testing/nextEvent.js';
import {
  startTestBroker,
  type TestBroker,
  type TestBrokerDevice,
} from '../../testing/startTestBroker.js';

// The design's test plan (section 8, IAM/IoT policy and key leak rows), live over MQTT.js.

const target = { region: 'ap-northeast-1', accountId: '123456789012' };
const devicePolicy = buildDevicePolicy(target);
const observerPolicy: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }],
};

let dir: string;
let fx: TestBroker;
const clients: MqttClient[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broker-authz-'));
  fx = await startTestBroker({ dataDir: dir });
});

afterEach(async () => {
  for (const client of clients.splice(0)) {
    client.end(true);
  }
  await fx.close();
  await rm(dir, { recursive: true, force: true });
});

function connect(device: TestBrokerDevice, options: IClientOptions = {}): MqttClient {
  const client = mqtt.connect(`mqtts://localhost:${fx.mqttsPort}`, {
    ...fx.tls(device),
    clientId: device.thingName,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 5000,
    ...options,
  });
  // MQTT.js emits refusals as errors; the specs look at `close`.
  client.on('error', () => undefined);
  clients.push(client);
  return client;
}

async function connected(client: MqttClient): Promise<void> {
  await Promise.race([
    nextEvent(client, 'connect'),
    nextEvent(client, 'close').then(() => {
      throw new Error('closed before CONNACK');
    }),
  ]);
}

async function refusedWith(client: MqttClient): Promise<number | undefined> {
  let code: number | undefined;
  client.once('error', (error: Error & { code?: number }) => {
    code = error.code;
  });
  await nextEvent(client, 'close');
  return code;
}

/** The SUBACK return codes (MQTT.js rejects `subscribeAsync` when one is 0x80). */
function suback(client: MqttClient, filters: string[]): Promise<number[]> {
  return new Promise((resolve) => {
    client.subscribe(filters, { qos: 1 }, (_error, _granted, packet) => {
      resolve([...((packet as { granted?: number[] } | undefined)?.granted ?? [])]);
    });
  });
}

async function observer(): Promise<{ client: MqttClient; events: Map<string, unknown[]> }> {
  const device = await fx.device('observer', { policies: { observer: observerPolicy } });
  const client = connect(device);
  await connected(client);
  await client.subscribeAsync('$aws/events/presence/+/+', { qos: 1 });
  const events = new Map<string, unknown[]>();
  client.on('message', (topic, payload) => {
    const list = events.get(topic) ?? [];
    list.push(JSON.parse(payload.toString()) as unknown);
    events.set(topic, list);
    emitEvent(client, `event:${topic}`);
  });
  return { client, events };
}

describe('policy enforcement (design test plan)', () => {
  it("lets a robot use its own topics and closes it when it reaches another thing's", async () => {
    const robot = await fx.device('AMR-001', { policies: { device: devicePolicy } });
    await fx.device('AMR-002', { policies: { device: devicePolicy } });
    const client = connect(robot);
    await connected(client);

    // Refused filters get 0x80 and the connection stays open.
    expect(
      await suback(client, [
        'amr/AMR-001/cmd/+',
        'amr/AMR-002/cmd/+',
        '$aws/things/AMR-001/shadow/name/robot/#',
      ]),
    ).toEqual([1, 128, 1]);
    await client.publishAsync('amr/AMR-001/heartbeat', '{}', { qos: 1 });
    await client.publishAsync('amr/AMR-001/status', '{"state":"idle"}', { qos: 1, retain: true });

    // MQTT 3.1.1 has no negative PUBACK: a denied publish closes the connection.
    const closed = nextEvent(client, 'close');
    client.publish('amr/AMR-002/status', '{}', { qos: 1 });
    await closed;
    expect(fx.broker.stats().authorizationDenials).toBe(2);
    expect(fx.context.metrics.render()).toContain(
      'iot_broker_authorization_denials_total{action="iot:Publish"} 1',
    );
  });

  it('refuses a client id that is not the attached thing name, with a connect_failed event', async () => {
    const watch = await observer();
    const robot = await fx.device('AMR-001', { policies: { device: devicePolicy } });
    const event = nextEvent(
      watch.client,
      'event:$aws/events/presence/connect_failed/AMR-001-spoof',
    );
    const client = connect(robot, { clientId: 'AMR-001-spoof' });
    expect(await refusedWith(client)).toBe(5);
    await event;
    const [failed] = watch.events.get('$aws/events/presence/connect_failed/AMR-001-spoof') ?? [];
    expect(PresenceConnectFailedEventSchema.parse(failed)).toMatchObject({
      clientId: 'AMR-001-spoof',
      connectFailureReason: 'AUTHORIZATION_FAILED',
      principalIdentifier: robot.certificate.certificateId,
      ipAddress: '127.0.0.1',
    });
  });

  it('refuses a certificate that is attached to no thing (IsAttached condition)', async () => {
    const robot = await fx.device('AMR-001', {
      policies: { device: devicePolicy },
      attachThing: false,
    });
    expect(await refusedWith(connect(robot))).toBe(5);
  });

  it('refuses INACTIVE, REVOKED and unknown certificates', async () => {
    const inactive = await fx.device('AMR-001', {
      policies: { device: devicePolicy },
      status: 'INACTIVE',
    });
    expect(await refusedWith(connect(inactive))).toBe(5);
    const revoked = await fx.device('AMR-002', {
      policies: { device: devicePolicy },
      status: 'REVOKED',
    });
    expect(await refusedWith(connect(revoked))).toBe(5);
    const issued = await fx.pki.issueDevice({ thingName: 'AMR-003' });
    const unknown: TestBrokerDevice = {
      thingName: 'AMR-003',
      certificate: inactive.certificate,
      certificatePem: issued.certificatePem,
      privateKeyPem: issued.privateKeyPem,
    };
    expect(await refusedWith(connect(unknown))).toBe(5);
    const refusals = fx.logs.filter((line) => line.includes('mqtt.connect_refused'));
    expect(refusals).toHaveLength(3);
    expect(refusals[0]).toContain(
      `Certificate ${inactive.certificate.certificateId} is INACTIVE, expected ACTIVE`,
    );
    expect(fx.logs.join('\n')).not.toContain('BEGIN');
  });

  it('closes a connected certificate within one second of its revocation (AUTH_ERROR, Will sent)', async () => {
    const watch = await observer();
    await watch.client.subscribeAsync('amr/AMR-001/status', { qos: 1 });
    const robot = await fx.device('AMR-001', { policies: { device: devicePolicy } });
    const client = connect(robot, {
      will: {
        topic: 'amr/AMR-001/status',
        payload: Buffer.from('{"state":"offline"}'),
        qos: 1,
        retain: true,
      },
    });
    await connected(client);
    const closed = nextEvent(client, 'close');
    const disconnected = nextEvent(watch.client, 'event:$aws/events/presence/disconnected/AMR-001');
    const will = nextEvent(watch.client, 'event:amr/AMR-001/status');
    const started = Date.now();
    fx.registry.updateCertificateStatus(robot.certificate.certificateId, 'REVOKED');
    await closed;
    expect(Date.now() - started).toBeLessThan(1000);
    await Promise.all([disconnected, will]);
    expect(
      PresenceDisconnectedEventSchema.parse(
        watch.events.get('$aws/events/presence/disconnected/AMR-001')?.[0],
      ),
    ).toMatchObject({ disconnectReason: 'AUTH_ERROR', clientInitiatedDisconnect: false });
    expect(watch.events.get('amr/AMR-001/status')).toEqual([{ state: 'offline' }]);
    // And it cannot come back.
    fx.advance(1000);
    expect(await refusedWith(connect(robot))).toBe(5);
  });

  it('closes a connection when its last policy is detached, and applies a new policy at once', async () => {
    const robot = await fx.device('AMR-001', { policies: { device: devicePolicy } });
    const client = connect(robot);
    await connected(client);
    await expect(
      client.publishAsync('amr/AMR-001/heartbeat', '{}', { qos: 1 }),
    ).resolves.toBeDefined();

    // A second policy granting more takes effect without reconnecting.
    fx.registry.createPolicy('extra', JSON.stringify(observerPolicy));
    fx.registry.attachPolicy('extra', robot.certificate.certificateArn);
    await expect(client.publishAsync('fleet/broadcast', '{}', { qos: 1 })).resolves.toBeDefined();

    fx.registry.detachPolicy('extra', robot.certificate.certificateArn);
    const closed = nextEvent(client, 'close');
    const started = Date.now();
    fx.registry.detachPolicy('device', robot.certificate.certificateArn);
    await closed;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fx.logs.some((l) => l.includes('no policy attached to the principal any more'))).toBe(
      true,
    );
  });

  it('applies a new default policy version to live connections', async () => {
    const robot = await fx.device('AMR-001', { policies: { device: devicePolicy } });
    const client = connect(robot);
    await connected(client);
    await client.publishAsync('amr/AMR-001/heartbeat', '{}', { qos: 1 });
    const statusOnly: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'iot:Publish',
          Resource:
            'arn:aws:iot:ap-northeast-1:123456789012:topic/amr/${iot:Connection.Thing.ThingName}/status',
        },
      ],
    };
    fx.registry.createPolicyVersion('device', JSON.stringify(statusOnly), true);
    await client.publishAsync('amr/AMR-001/status', '{}', { qos: 1 });
    const closed = nextEvent(client, 'close');
    client.publish('amr/AMR-001/heartbeat', '{}', { qos: 1 });
    await closed;
  });
});
