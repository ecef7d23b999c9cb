import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { buildBrowserPolicy, buildDevicePolicy } from '@iot-gateway-net/policy';
import { PresenceDisconnectedEventSchema } from '@iot-gateway-net/topics';
import type { CredentialRecord } from '../context/CredentialStore.js';
import { nextEvent } from '../../testing/nextEvent.js';
import { startTestBroker, type TestBroker } from '../../testing/startTestBroker.js';

const REGION = 'ap-northeast-1';
const target = { region: REGION, accountId: '123456789012' };
const IDENTITY_ID = 'ap-northeast-1:0b7e6d4c-1f2a-4e3b-9c8d-7a6b5c4d3e2f';
const browserPolicy = buildBrowserPolicy({ ...target, thingNames: ['AMR-001'] });

const admin: CredentialRecord = {
  accessKeyId: 'AKIDLOCALADMIN000001',
  secretAccessKey: 'admin-secret-0000000000000000000000000000',
  identity: { kind: 'admin' },
};
const browser: CredentialRecord = {
  accessKeyId: 'ASIALOCALBROWSER0001',
  secretAccessKey: 'browser-secret-00000000000000000000000000',
  sessionToken: 'browser-session-token/with+chars=',
  identity: { kind: 'iam', iamPolicies: [browserPolicy], cognitoIdentityId: IDENTITY_ID },
};

// An IAM identity without Cognito: only its IAM policy decides.
const service: CredentialRecord = {
  accessKeyId: 'AKIDLOCALSERVICE0001',
  secretAccessKey: 'service-secret-00000000000000000000000000',
  identity: {
    kind: 'iam',
    iamPolicies: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iot:Connect',
            Resource: `arn:aws:iot:${REGION}:123456789012:client/svc-*`,
          },
          {
            Effect: 'Allow',
            Action: 'iot:Publish',
            Resource: `arn:aws:iot:${REGION}:123456789012:topic/telemetry/*`,
          },
        ],
      },
    ],
  },
};

let dir: string;
let fx: TestBroker;
const clients: MqttClient[] = [];

async function setUp(broker: Parameters<typeof startTestBroker>[0]['broker'] = {}): Promise<void> {
  dir = await mkdtemp(join(tmpdir(), 'broker-wss-'));
  fx = await startTestBroker({ dataDir: dir, credentials: [admin, browser, service], broker });
}

afterEach(async () => {
  for (const client of clients.splice(0)) {
    client.end(true);
  }
  await fx.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * A presigned URL as AWS IoT clients build it (AWS IoT Developer Guide, "MQTT over WebSocket"):
 * signed without the session token, which is appended afterwards.
 */
async function presignedUrl(
  credential: Pick<CredentialRecord, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>,
): Promise<string> {
  const url = new URL(fx.wssUrl);
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: credential.accessKeyId,
      secretAccessKey: credential.secretAccessKey,
    },
    region: REGION,
    service: 'iotdevicegateway',
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'wss:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/mqtt',
      headers: { host: url.host },
      query: {},
    },
    { expiresIn: 900 },
  );
  const query = Object.entries(signed.query ?? {})
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  const token =
    credential.sessionToken === undefined
      ? ''
      : `&X-Amz-Security-Token=${encodeURIComponent(credential.sessionToken)}`;
  return `${fx.wssUrl}?${query}${token}`;
}

function connect(url: string, clientId: string, options: IClientOptions = {}): MqttClient {
  const client = mqtt.connect(fx.wssUrl, {
    protocolVersion: 4,
    clientId,
    reconnectPeriod: 0,
    connectTimeout: 5000,
    ca: fx.pki.ca.certificatePem,
    // transformWsUrl must return synchronously: the URL is signed beforehand.
    transformWsUrl: () => url,
    ...options,
  });
  client.on('error', () => undefined);
  clients.push(client);
  return client;
}

async function online(url: string, clientId: string): Promise<MqttClient> {
  const client = connect(url, clientId);
  await Promise.race([
    nextEvent(client, 'connect'),
    nextEvent(client, 'close').then(() => {
      throw new Error(`${clientId} closed before CONNACK`);
    }),
  ]);
  return client;
}

function suback(client: MqttClient, filters: string[]): Promise<number[]> {
  return new Promise((resolve) => {
    client.subscribe(filters, { qos: 1 }, (_error, _granted, packet) => {
      resolve([...((packet as { granted?: number[] } | undefined)?.granted ?? [])]);
    });
  });
}

describe('MQTT over WebSocket with SigV4', () => {
  beforeEach(() => setUp());

  it('connects a Cognito identity whose IAM and IoT policies both allow, and enforces them', async () => {
    fx.registry.createPolicy('browser', JSON.stringify(browserPolicy));
    fx.registry.attachPolicy('browser', IDENTITY_ID);
    const robot = await fx.device('AMR-001', {
      policies: { device: buildDevicePolicy(target) },
    });
    const device = mqtt.connect(`mqtts://localhost:${fx.mqttsPort}`, {
      ...fx.tls(robot),
      clientId: 'AMR-001',
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    device.on('error', () => undefined);
    clients.push(device);
    await nextEvent(device, 'connect');

    const ui = await online(await presignedUrl(browser), `${IDENTITY_ID}-tab1`);
    expect(await suback(ui, ['amr/AMR-001/status', 'amr/AMR-002/status'])).toEqual([1, 128]);
    await device.subscribeAsync('amr/AMR-001/cmd/+', { qos: 1 });
    const status = nextEvent(ui, 'message');
    await device.publishAsync('amr/AMR-001/status', '{"state":"idle"}', { qos: 1 });
    expect(String((await status)[0])).toBe('amr/AMR-001/status');
    const command = nextEvent(device, 'message');
    await ui.publishAsync('amr/AMR-001/cmd/call', '{"requestId":"r1"}', { qos: 1 });
    expect(String((await command)[0])).toBe('amr/AMR-001/cmd/call');
    expect(fx.logs.some((l) => l.includes('"transport":"wss"') && l.includes(IDENTITY_ID))).toBe(
      true,
    );
    expect(fx.logs.join('\n')).not.toContain(browser.sessionToken);

    // A robot the policy does not list: the IAM policy denies, the connection closes.
    const closed = nextEvent(ui, 'close');
    ui.publish('amr/AMR-002/cmd/call', '{}', { qos: 1 });
    await closed;
  });

  it('authorizes a plain IAM identity with its IAM policy alone', async () => {
    const url = await presignedUrl(service);
    const client = await online(url, 'svc-ingest');
    await client.publishAsync('telemetry/AMR-001', '{}', { qos: 1 });
    expect(await suback(client, ['telemetry/#'])).toEqual([128]);
    const closed = nextEvent(client, 'close');
    client.publish('amr/AMR-001/cmd/call', '{}', { qos: 1 });
    await closed;
    fx.advance(1000);
    const wrongId = connect(url, 'other-client');
    await nextEvent(wrongId, 'close');
    expect(wrongId.connected).toBe(false);
  });

  it('refuses a Cognito identity without an IoT policy attached to its identity id', async () => {
    const client = connect(await presignedUrl(browser), `${IDENTITY_ID}-tab1`);
    let code: number | undefined;
    client.once('error', (error: Error & { code?: number }) => {
      code = error.code;
    });
    await nextEvent(client, 'close');
    expect(code).toBe(5);
  });

  it('refuses a client id outside the identity prefix', async () => {
    fx.registry.createPolicy('browser', JSON.stringify(browserPolicy));
    fx.registry.attachPolicy('browser', IDENTITY_ID);
    const client = connect(await presignedUrl(browser), 'someone-else');
    await nextEvent(client, 'close');
    expect(client.connected).toBe(false);
  });

  it('answers 403 to a bad signature and 401 to an unsigned URL before upgrading, and keeps serving', async () => {
    const wrong = await presignedUrl({ ...browser, secretAccessKey: 'not-the-secret' });
    const client = connect(wrong, `${IDENTITY_ID}-tab1`);
    let connected = false;
    client.on('connect', () => {
      connected = true;
    });
    await nextEvent(client, 'close');
    expect(connected).toBe(false);
    const refused = fx.logs.filter((l) => l.includes('wss.upgrade_refused'));
    expect(refused).toHaveLength(1);
    expect(JSON.parse(refused[0] ?? '{}')).toMatchObject({ status: 403 });

    const unsigned = connect(fx.wssUrl, 'anonymous');
    await nextEvent(unsigned, 'close');
    expect(
      JSON.parse(fx.logs.filter((l) => l.includes('wss.upgrade_refused'))[1] ?? '{}'),
    ).toMatchObject({
      status: 401,
    });

    const adminClient = await online(await presignedUrl(admin), 'operator-console');
    await adminClient.publishAsync('anything/at/all', 'x', { qos: 1 });
  });
});

describe('WebSocket connection lifetime', () => {
  beforeEach(() => setUp({ webSocketTtlMs: 300 }));

  it('closes a WebSocket connection at its maximum lifetime (WEBSOCKET_TTL_EXPIRATION)', async () => {
    const watcher = await fx.device('observer', {
      policies: {
        all: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }],
        },
      },
    });
    const observer = mqtt.connect(`mqtts://localhost:${fx.mqttsPort}`, {
      ...fx.tls(watcher),
      clientId: 'observer',
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    clients.push(observer);
    await nextEvent(observer, 'connect');
    await observer.subscribeAsync('$aws/events/presence/disconnected/short-lived', { qos: 1 });
    const event = nextEvent(observer, 'message');
    const client = await online(await presignedUrl(admin), 'short-lived');
    await nextEvent(client, 'close');
    const [, payload] = await event;
    expect(PresenceDisconnectedEventSchema.parse(JSON.parse(String(payload)))).toMatchObject({
      disconnectReason: 'WEBSOCKET_TTL_EXPIRATION',
      clientInitiatedDisconnect: false,
    });
  });
});
