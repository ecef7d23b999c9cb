import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { buildDevicePolicy, type PolicyDocument } from '@iot-gateway-net/policy';
import {
  PresenceConnectedEventSchema,
  PresenceDisconnectedEventSchema,
  SubscriptionEventSchema,
} from '@iot-gateway-net/topics';
import { emitEvent } from '../../testing/emitEvent.js';
import { nextEvent } from '../../testing/nextEvent.js';
import {
  startTestBroker,
  type TestBroker,
  type TestBrokerDevice,
} from '../../testing/startTestBroker.js';

const target = { region: 'ap-northeast-1', accountId: '123456789012' };
const devicePolicy = buildDevicePolicy(target);
const allowAll: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }],
};
const OFFLINE = '{"state":"offline"}';

let dir: string;
let fx: TestBroker;
const clients: MqttClient[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broker-retained-'));
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
  client.on('error', () => undefined);
  clients.push(client);
  return client;
}

async function online(device: TestBrokerDevice, options: IClientOptions = {}): Promise<MqttClient> {
  const client = connect(device, options);
  await Promise.race([
    nextEvent(client, 'connect'),
    nextEvent(client, 'close').then(() => {
      throw new Error(`${device.thingName} closed before CONNACK`);
    }),
  ]);
  return client;
}

interface Received {
  topic: string;
  payload: string;
  retain: boolean;
}

/** Collects messages and emits `got:<topic>` per message. */
function record(client: MqttClient): Received[] {
  const received: Received[] = [];
  client.on('message', (topic, payload, packet) => {
    received.push({ topic, payload: payload.toString(), retain: packet.retain });
    emitEvent(client, `got:${topic}`);
  });
  return received;
}

const willOptions = (thingName: string): IClientOptions => ({
  will: { topic: `amr/${thingName}/status`, payload: Buffer.from(OFFLINE), qos: 1, retain: true },
});

describe('retained messages (AWS semantics)', () => {
  it('delivers a retained status to an exact subscriber after reconnect, not to a wildcard one', async () => {
    const robot = await fx.device('AMR-001', { policies: { device: devicePolicy } });
    const ui = await fx.device('ui', { policies: { all: allowAll } });
    const publisher = await online(robot);
    await publisher.publishAsync('amr/AMR-001/status', '{"state":"idle"}', {
      qos: 1,
      retain: true,
    });
    await publisher.endAsync();
    expect(new TextDecoder().decode(fx.registry.getRetained('amr/AMR-001/status')?.payload)).toBe(
      '{"state":"idle"}',
    );

    fx.advance(1000);
    const subscriber = await online(ui);
    const received = record(subscriber);
    const exact = nextEvent(subscriber, 'got:amr/AMR-001/status');
    // Wildcards first: were a retained message sent for them, it would arrive before the exact one's.
    await subscriber.subscribeAsync(['amr/+/status', 'amr/AMR-001/#'], { qos: 1 });
    await subscriber.subscribeAsync('amr/AMR-001/status', { qos: 1 });
    await exact;
    expect(received).toEqual([
      { topic: 'amr/AMR-001/status', payload: '{"state":"idle"}', retain: true },
    ]);

    // Later messages reach it once, without the RETAIN flag, whatever filter matched.
    fx.advance(1000);
    const again = await online(robot);
    const next = nextEvent(subscriber, 'got:amr/AMR-001/status');
    await again.publishAsync('amr/AMR-001/status', '{"state":"moving"}', { qos: 1, retain: true });
    await next;
    expect(received.slice(1)).toEqual([
      { topic: 'amr/AMR-001/status', payload: '{"state":"moving"}', retain: false },
    ]);
  });

  it('deletes a retained message on a 0-byte retained publish, which is still delivered', async () => {
    const robot = await fx.device('AMR-001', { policies: { device: devicePolicy } });
    const ui = await fx.device('ui', { policies: { all: allowAll } });
    const publisher = await online(robot);
    await publisher.publishAsync('amr/AMR-001/status', '{"state":"idle"}', {
      qos: 1,
      retain: true,
    });
    const subscriber = await online(ui);
    const received = record(subscriber);
    await subscriber.subscribeAsync('amr/+/status', { qos: 1 });
    const got = nextEvent(subscriber, 'got:amr/AMR-001/status');
    await publisher.publishAsync('amr/AMR-001/status', '', { qos: 1, retain: true });
    await got;
    expect(received).toEqual([{ topic: 'amr/AMR-001/status', payload: '', retain: false }]);
    expect(fx.registry.getRetained('amr/AMR-001/status')).toBeUndefined();
    // Retained publishes are billed twice (AWS IoT Core pricing).
    expect(fx.broker.stats()).toMatchObject({ messagesIn: 2, messagesOut: 1, billedMessages: 5 });
  });
});

describe('Last Will and lifecycle events', () => {
  async function observe(): Promise<{ client: MqttClient; received: Received[] }> {
    const observer = await fx.device('observer', { policies: { all: allowAll } });
    const client = await online(observer);
    const received = record(client);
    await client.subscribeAsync(
      [
        '$aws/events/presence/+/AMR-001',
        '$aws/events/subscriptions/+/AMR-001',
        'amr/AMR-001/status',
      ],
      { qos: 1 },
    );
    return { client, received };
  }
  const events = (received: Received[], topic: string): unknown[] =>
    received.filter((r) => r.topic === topic).map((r) => JSON.parse(r.payload) as unknown);

  it('publishes the Will and a disconnected event when the connection drops', async () => {
    const watch = await observe();
    const robot = await fx.device('AMR-001', { policies: { device: devicePolicy } });
    const connectedEvent = nextEvent(watch.client, 'got:$aws/events/presence/connected/AMR-001');
    const client = await online(robot, willOptions('AMR-001'));
    await connectedEvent;
    const subscribed = nextEvent(watch.client, 'got:$aws/events/subscriptions/subscribed/AMR-001');
    await client.subscribeAsync('amr/AMR-001/cmd/+', { qos: 1 });
    await subscribed;

    const will = nextEvent(watch.client, 'got:amr/AMR-001/status');
    const disconnected = nextEvent(watch.client, 'got:$aws/events/presence/disconnected/AMR-001');
    client.stream.destroy();
    await Promise.all([will, disconnected]);

    const connected = PresenceConnectedEventSchema.parse(
      events(watch.received, '$aws/events/presence/connected/AMR-001')[0],
    );
    expect(connected).toMatchObject({
      clientId: 'AMR-001',
      principalIdentifier: robot.certificate.certificateId,
      ipAddress: '127.0.0.1',
      versionNumber: 0,
    });
    expect(
      SubscriptionEventSchema.parse(
        events(watch.received, '$aws/events/subscriptions/subscribed/AMR-001')[0],
      ).topics,
    ).toEqual(['amr/AMR-001/cmd/+']);
    expect(
      PresenceDisconnectedEventSchema.parse(
        events(watch.received, '$aws/events/presence/disconnected/AMR-001')[0],
      ),
    ).toMatchObject({
      clientInitiatedDisconnect: false,
      disconnectReason: 'CONNECTION_LOST',
      sessionIdentifier: connected.sessionIdentifier,
      versionNumber: 0,
    });
    expect(events(watch.received, 'amr/AMR-001/status')).toEqual([{ state: 'offline' }]);
    // The retained Will is the status a UI reads on subscribing.
    expect(new TextDecoder().decode(fx.registry.getRetained('amr/AMR-001/status')?.payload)).toBe(
      OFFLINE,
    );
  });

  it('sends no Will for a DISCONNECT (CLIENT_INITIATED_DISCONNECT)', async () => {
    const watch = await observe();
    const robot = await fx.device('AMR-001', { policies: { device: devicePolicy } });
    const client = await online(robot, willOptions('AMR-001'));
    const disconnected = nextEvent(watch.client, 'got:$aws/events/presence/disconnected/AMR-001');
    await client.endAsync();
    await disconnected;
    expect(
      PresenceDisconnectedEventSchema.parse(
        events(watch.received, '$aws/events/presence/disconnected/AMR-001')[0],
      ),
    ).toMatchObject({
      clientInitiatedDisconnect: true,
      disconnectReason: 'CLIENT_INITIATED_DISCONNECT',
    });
    expect(events(watch.received, 'amr/AMR-001/status')).toEqual([]);
    expect(fx.registry.getRetained('amr/AMR-001/status')).toBeUndefined();
  });

  it('lets a duplicate client id take over: the old connection is closed and its Will sent', async () => {
    const watch = await observe();
    const robot = await fx.device('AMR-001', { policies: { device: devicePolicy } });
    const firstConnected = nextEvent(watch.client, 'got:$aws/events/presence/connected/AMR-001');
    const first = await online(robot, willOptions('AMR-001'));
    await firstConnected;
    const firstClosed = nextEvent(first, 'close');
    const will = nextEvent(watch.client, 'got:amr/AMR-001/status');
    const disconnected = nextEvent(watch.client, 'got:$aws/events/presence/disconnected/AMR-001');
    const secondConnected = nextEvent(watch.client, 'got:$aws/events/presence/connected/AMR-001');

    // AWS accepts one CONNECT per second per client id.
    fx.advance(1000);
    const second = await online(robot);
    // The events reach the observer on their own schedule: wait for each, not for the CONNACK.
    await Promise.all([firstClosed, will, disconnected, secondConnected]);
    expect(
      PresenceDisconnectedEventSchema.parse(
        events(watch.received, '$aws/events/presence/disconnected/AMR-001')[0],
      ),
    ).toMatchObject({ disconnectReason: 'DUPLICATE_CLIENTID', versionNumber: 0 });
    const connectedEvents = events(watch.received, '$aws/events/presence/connected/AMR-001');
    expect(connectedEvents.map((e) => PresenceConnectedEventSchema.parse(e).versionNumber)).toEqual(
      [0, 1],
    );

    // The new connection works.
    const heartbeat = nextEvent(second, 'got:amr/AMR-001/cmd/call');
    record(second);
    await second.subscribeAsync('amr/AMR-001/cmd/+', { qos: 1 });
    await watch.client.publishAsync('amr/AMR-001/cmd/call', '{"requestId":"r1"}', { qos: 1 });
    await heartbeat;
    expect(first.connected).toBe(false);
  });

  it('drops a second CONNECT of a client id within one second, without CONNACK', async () => {
    const robot = await fx.device('AMR-001', { policies: { device: devicePolicy } });
    const first = await online(robot);
    const second = connect(robot);
    let acknowledged = false;
    second.on('connect', () => {
      acknowledged = true;
    });
    await nextEvent(second, 'close');
    expect(acknowledged).toBe(false);
    expect(first.connected).toBe(true);
    expect(fx.context.metrics.render()).toContain(
      'iot_broker_connects_refused_total{cause="throttled"} 1',
    );
  });
});
