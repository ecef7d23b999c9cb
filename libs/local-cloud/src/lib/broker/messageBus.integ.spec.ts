import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { buildDevicePolicy, type PolicyDocument } from '@iot-gateway-net/policy';
import type { InboundMessage } from '../context/MessageBus.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { emitEvent } from '../../testing/emitEvent.js';
import { nextEvent } from '../../testing/nextEvent.js';
import {
  startTestBroker,
  type TestBroker,
  type TestBrokerDevice,
} from '../../testing/startTestBroker.js';

const target = { region: 'ap-northeast-1', accountId: '123456789012' };
const ARN = 'arn:aws:iot:ap-northeast-1:123456789012:';
const devicePolicy = buildDevicePolicy(target);
// May subscribe to every robot's topics but receive only AMR-002's: Receive is checked per delivery.
const nosyPolicy: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}client/nosy` },
    { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}topicfilter/amr/*` },
    { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}topic/amr/AMR-002/*` },
  ],
};

let dir: string;
let fx: TestBroker;
const clients: MqttClient[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broker-bus-'));
  fx = await startTestBroker({ dataDir: dir });
});

afterEach(async () => {
  for (const client of clients.splice(0)) {
    client.end(true);
  }
  await fx.close();
  await rm(dir, { recursive: true, force: true });
});

async function online(device: TestBrokerDevice, broker: TestBroker = fx): Promise<MqttClient> {
  const client = mqtt.connect(`mqtts://localhost:${broker.mqttsPort}`, {
    ...broker.tls(device),
    clientId: device.thingName,
    protocolVersion: 4,
    reconnectPeriod: 0,
  });
  client.on('error', () => undefined);
  clients.push(client);
  await nextEvent(client, 'connect');
  const topics: string[] = [];
  client.on('message', (topic) => {
    topics.push(topic);
    emitEvent(client, `got:${topic}`);
  });
  Object.assign(client, { topics });
  return client;
}

const topicsOf = (client: MqttClient): string[] =>
  (client as MqttClient & { topics: string[] }).topics;

describe('MessageBus', () => {
  it('publishes as the service, delivering only to subscribers allowed to receive', async () => {
    const robot = await online(await fx.device('AMR-001', { policies: { device: devicePolicy } }));
    const nosy = await online(await fx.device('nosy', { policies: { nosy: nosyPolicy } }));
    await robot.subscribeAsync('amr/AMR-001/cmd/+', { qos: 1 });
    await nosy.subscribeAsync('amr/#', { qos: 1 });

    const toRobot = nextEvent(robot, 'got:amr/AMR-001/cmd/call');
    await fx.broker.bus.publish('amr/AMR-001/cmd/call', '{"requestId":"r1"}', { qos: 1 });
    await toRobot;
    const toNosy = nextEvent(nosy, 'got:amr/AMR-002/cmd/call');
    await fx.broker.bus.publish('amr/AMR-002/cmd/call', new TextEncoder().encode('{}'));
    await toNosy;
    expect(topicsOf(robot)).toEqual(['amr/AMR-001/cmd/call']);
    expect(topicsOf(nosy)).toEqual(['amr/AMR-002/cmd/call']);
    expect(fx.context.metrics.render()).toContain(
      'iot_broker_authorization_denials_total{action="iot:Receive"} 1',
    );

    await expect(
      fx.broker.bus.publish('$aws/things/AMR-001/shadow/update/accepted', '{}', { retain: true }),
    ).rejects.toThrow(LocalCloudError);
  });

  it('sends to one connection only, when it is subscribed and allowed to receive', async () => {
    const robot = await online(await fx.device('AMR-001', { policies: { device: devicePolicy } }));
    const nosy = await online(await fx.device('nosy', { policies: { nosy: nosyPolicy } }));
    await robot.subscribeAsync('amr/AMR-001/cmd/+', { qos: 1 });
    await nosy.subscribeAsync('amr/#', { qos: 1 });

    const got = nextEvent(robot, 'got:amr/AMR-001/cmd/call');
    await expect(
      fx.broker.bus.sendToClient('AMR-001', 'amr/AMR-001/cmd/call', '{}', { qos: 1 }),
    ).resolves.toBe(true);
    await got;
    await expect(fx.broker.bus.sendToClient('AMR-001', 'amr/AMR-001/status', '{}')).resolves.toBe(
      false,
    );
    await expect(fx.broker.bus.sendToClient('nosy', 'amr/AMR-001/cmd/call', '{}')).resolves.toBe(
      false,
    );
    await expect(fx.broker.bus.sendToClient('nobody', 'amr/AMR-001/cmd/call', '{}')).resolves.toBe(
      false,
    );
    // Fence: a later publish nosy may receive arrives after anything sent before it.
    const fence = nextEvent(nosy, 'got:amr/AMR-002/fence');
    await fx.broker.bus.publish('amr/AMR-002/fence', '{}', { qos: 1 });
    await fence;
    expect(topicsOf(nosy)).toEqual(['amr/AMR-002/fence']);
  });

  it('hands authorized client publishes to handlers, logging handler failures', async () => {
    const device = await fx.device('AMR-001', { policies: { device: devicePolicy } });
    const robot = await online(device);
    const seen: InboundMessage[] = [];
    let done: (() => void) | undefined;
    const arrived = new Promise<void>((resolve) => (done = resolve));
    fx.broker.bus.handle('amr/+/heartbeat', () => {
      throw new Error('handler bug');
    });
    fx.broker.bus.handle('amr/+/heartbeat', () => Promise.reject(new Error('async handler bug')));
    const remove = fx.broker.bus.handle('amr/#', () => {
      throw new Error('removed handlers are not called');
    });
    remove();
    fx.broker.bus.handle('amr/+/heartbeat', (message) => {
      seen.push(message);
      done?.();
    });
    expect(() => fx.broker.bus.handle('amr/#/x', () => undefined)).toThrow(LocalCloudError);

    await robot.publishAsync('amr/AMR-001/heartbeat', '{"seq":1}', { qos: 1 });
    await arrived;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      topic: 'amr/AMR-001/heartbeat',
      qos: 1,
      retain: false,
      clientId: 'AMR-001',
      principal: device.certificate.certificateArn,
      certificateId: device.certificate.certificateId,
      thingName: 'AMR-001',
    });
    expect(new TextDecoder().decode(seen[0]?.payload)).toBe('{"seq":1}');
    await robot.publishAsync('amr/AMR-001/status', '{}', { qos: 1 });
    expect(fx.logs.filter((l) => l.includes('bus.handler_failed'))).toHaveLength(2);
    expect(robot.connected).toBe(true);
  });

  it('keeps retained messages in the registry across a restart', async () => {
    const publisher = await online(
      await fx.device('AMR-001', { policies: { device: devicePolicy } }),
    );
    await publisher.publishAsync('amr/AMR-001/status', '{"state":"charging"}', {
      qos: 1,
      retain: true,
    });
    publisher.end(true);
    await fx.close();

    fx = await startTestBroker({ dataDir: dir });
    const reader = await online(
      await fx.device('reader', {
        policies: {
          all: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }],
          },
        },
      }),
    );
    const retained = nextEvent(reader, 'message');
    await reader.subscribeAsync('amr/AMR-001/status', { qos: 1 });
    const [topic, payload, packet] = await retained;
    expect([String(topic), String(payload), (packet as { retain: boolean }).retain]).toEqual([
      'amr/AMR-001/status',
      '{"state":"charging"}',
      true,
    ]);
  });
});
