import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { PolicyDocument } from '@iot-gateway-net/policy';
import { PresenceDisconnectedEventSchema } from '@iot-gateway-net/topics';
import { emitEvent } from '../../testing/emitEvent.js';
import { nextEvent } from '../../testing/nextEvent.js';
import {
  startTestBroker,
  type TestBroker,
  type TestBrokerDevice,
} from '../../testing/startTestBroker.js';

// Every refusal here is AWS IoT's connection behaviour for MQTT 3.1.1; after each, a bystander
// connection still publishes and receives.

const allowAll: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }],
};

let dir: string;
let fx: TestBroker;
let bystander: MqttClient;
let offender: TestBrokerDevice;
const clients: MqttClient[] = [];

async function setUp(broker: Parameters<typeof startTestBroker>[0]['broker'] = {}): Promise<void> {
  dir = await mkdtemp(join(tmpdir(), 'broker-bad-'));
  fx = await startTestBroker({ dataDir: dir, broker });
  offender = await fx.device('offender', { policies: { all: allowAll } });
  bystander = await online(await fx.device('bystander', { policies: { all: allowAll } }));
  bystander.on('message', (topic) => emitEvent(bystander, `got:${topic}`));
  await bystander.subscribeAsync(['$aws/events/presence/disconnected/+', 'still/+'], { qos: 1 });
}

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

function suback(client: MqttClient, filters: string[], qos: 0 | 1 | 2 = 1): Promise<number[]> {
  return new Promise((resolve) => {
    client.subscribe(filters, { qos }, (_error, _granted, packet) => {
      resolve([...((packet as { granted?: number[] } | undefined)?.granted ?? [])]);
    });
  });
}

/** Sends what `act` sends, expects the connection closed and returns the disconnect reason. */
async function closedBy(act: (client: MqttClient) => void): Promise<string> {
  const client = await online(offender);
  const closed = nextEvent(client, 'close');
  const event = nextEvent(bystander, 'got:$aws/events/presence/disconnected/offender');
  let payload = '';
  bystander.once('message', (_topic, message) => {
    payload = message.toString();
  });
  act(client);
  await Promise.all([closed, event]);
  fx.advance(1000);
  return PresenceDisconnectedEventSchema.parse(JSON.parse(payload)).disconnectReason;
}

async function bystanderStillServed(): Promise<void> {
  const got = nextEvent(bystander, 'got:still/here');
  await bystander.publishAsync('still/here', 'yes', { qos: 1 });
  await got;
}

describe("bad input gets AWS IoT's behaviour and the broker keeps serving", () => {
  beforeEach(() => setUp());

  it.each([
    ['a topic with 8 slashes', (c: MqttClient) => c.publish('a/b/c/d/e/f/g/h/i', 'x')],
    ['a topic over 256 bytes', (c: MqttClient) => c.publish(`t/${'x'.repeat(255)}`, 'x')],
    [
      'RETAIN on a reserved topic',
      (c: MqttClient) => c.publish('$aws/things/offender/shadow/update', '{}', { retain: true }),
    ],
    [
      'a publish to a subscribe-only reserved topic',
      (c: MqttClient) => c.publish('$aws/events/presence/connected/x', '{}'),
    ],
    [
      'a payload over 128 KiB',
      (c: MqttClient) => c.publish('big/payload', Buffer.alloc(128 * 1024 + 1)),
    ],
    ['a QoS 2 publish', (c: MqttClient) => c.publish('qos/two', 'x', { qos: 2 })],
  ])('closes the connection for %s (CLIENT_ERROR)', async (_what, act) => {
    expect(await closedBy(act)).toBe('CLIENT_ERROR');
    await bystanderStillServed();
  });

  it('accepts a payload of exactly 128 KiB', async () => {
    const client = await online(offender);
    await client.publishAsync('big/payload', Buffer.alloc(128 * 1024), { qos: 1 });
    expect(client.connected).toBe(true);
  });

  it('answers no SUBACK to a QoS 2 subscription and subscribes nothing of that packet', async () => {
    const client = await online(offender);
    let qos2Answered = false;
    client.subscribe(['qos/two', 'still/+'], { qos: 2 }, () => {
      qos2Answered = true;
    });
    // SUBSCRIBEs are handled in order: once a later one is acknowledged, the first was processed.
    expect(await suback(client, ['later/topic'])).toEqual([1]);
    expect(qos2Answered).toBe(false);
    const topics: string[] = [];
    client.on('message', (topic) => {
      topics.push(topic);
      emitEvent(client, `got:${topic}`);
    });
    const later = nextEvent(client, 'got:later/topic');
    await bystanderStillServed();
    await bystander.publishAsync('later/topic', 'x', { qos: 1 });
    await later;
    // "still/+" came with the QoS 2 filter: not subscribed, so "still/here" never arrived.
    expect(topics).toEqual(['later/topic']);
    expect(client.connected).toBe(true);
  });

  it('refuses every filter of a SUBSCRIBE with more than 8, and filters breaking AWS limits', async () => {
    const client = await online(offender);
    const nine = Array.from({ length: 9 }, (_, i) => `many/${i}`);
    expect(await suback(client, nine)).toEqual(Array.from({ length: 9 }, () => 128));
    expect(await suback(client, nine.slice(0, 8))).toEqual(Array.from({ length: 8 }, () => 1));
    expect(await suback(client, ['a/b/c/d/e/f/g/h/#', '$SYS/#', 'ok/+'])).toEqual([128, 128, 1]);
    expect(client.connected).toBe(true);
    await bystanderStillServed();
  });

  it('refuses the 51st subscription of a connection', async () => {
    const client = await online(offender);
    for (let batch = 0; batch < 50; batch += 5) {
      const filters = Array.from({ length: 5 }, (_, i) => `sub/${batch + i}`);
      expect(await suback(client, filters)).toEqual([1, 1, 1, 1, 1]);
    }
    expect(await suback(client, ['sub/50', 'sub/0'])).toEqual([128, 1]);
  });

  it('does not deliver a message on "a" to a subscription on "a/#" (AWS), but does on "a/b"', async () => {
    const client = await online(offender);
    const topics: string[] = [];
    client.on('message', (topic) => topics.push(topic));
    expect(await suback(client, ['fleet/#'])).toEqual([1]);
    await bystander.publishAsync('fleet', 'parent', { qos: 1 });
    const got = nextEvent(client, 'message');
    await bystander.publishAsync('fleet/AMR-001', 'child', { qos: 1 });
    await got;
    expect(topics).toEqual(['fleet/AMR-001']);
  });
});

describe('per-connection publish rate', () => {
  beforeEach(() => setUp({ publishRateLimit: 5 }));

  it('closes a connection that publishes faster than the limit (THROTTLED)', async () => {
    expect(
      await closedBy((client) => {
        for (let i = 0; i < 6; i += 1) {
          client.publish('rate/test', String(i));
        }
      }),
    ).toBe('THROTTLED');
    await bystanderStillServed();
  });
});
