import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'node:https';
import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateThingCommand,
  DescribeCertificateCommand,
  DescribeThingCommand,
  GetPolicyCommand,
  IoTClient,
} from '@aws-sdk/client-iot';
import {
  GetRetainedMessageCommand,
  GetThingShadowCommand,
  IoTDataPlaneClient,
} from '@aws-sdk/client-iot-data-plane';
import { buildDevicePolicy } from '@iot-gateway-net/policy';
import { Hash } from '@smithy/hash-node';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import mqtt, { type MqttClient } from 'mqtt';
import { EndpointsSchema, type Endpoints } from './config/schemas.js';
import { startLocalCloud, type LocalCloud } from './startLocalCloud.js';

const quiet = { writeLog: () => undefined };
const THING = 'AMR-001';

interface Device {
  certificateId: string;
  certificatePem: string;
  privateKey: string;
}

async function provisionThroughControlPlane(endpoints: Endpoints): Promise<Device> {
  const iot = new IoTClient({
    endpoint: endpoints.controlPlaneUrl,
    region: endpoints.region,
    credentials: { ...endpoints.controlPlaneCredentials },
  });
  await iot.send(
    new CreatePolicyCommand({
      policyName: 'amr-device',
      policyDocument: JSON.stringify(
        buildDevicePolicy({ region: endpoints.region, accountId: endpoints.accountId }),
      ),
    }),
  );
  await iot.send(new CreateThingCommand({ thingName: THING }));
  const cert = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
  await iot.send(
    new AttachPolicyCommand({ policyName: 'amr-device', target: cert.certificateArn }),
  );
  await iot.send(
    new AttachThingPrincipalCommand({ thingName: THING, principal: cert.certificateArn }),
  );
  iot.destroy();
  return {
    certificateId: cert.certificateId!,
    certificatePem: cert.certificatePem!,
    privateKey: cert.keyPair!.PrivateKey!,
  };
}

async function connectDevice(endpoints: Endpoints, device: Device): Promise<MqttClient> {
  return mqtt.connectAsync({
    protocol: 'mqtts',
    host: endpoints.iotEndpoint,
    port: endpoints.mqttsPort,
    clientId: THING,
    protocolVersion: 4,
    ca: await readFile(endpoints.rootCaPath),
    cert: device.certificatePem,
    key: device.privateKey,
    reconnectPeriod: 0,
  });
}

function nextMessage(client: MqttClient, topic: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no message on ${topic} within 5 s`)), 5_000);
    const onMessage = (t: string, payload: Buffer): void => {
      if (t !== topic) return;
      clearTimeout(timer);
      client.off('message', onMessage);
      resolve(payload);
    };
    client.on('message', onMessage);
  });
}

async function dataPlane(endpoints: Endpoints): Promise<IoTDataPlaneClient> {
  return new IoTDataPlaneClient({
    endpoint: endpoints.httpsDataUrl,
    region: endpoints.region,
    credentials: { ...endpoints.controlPlaneCredentials },
    requestHandler: new NodeHttpHandler({
      httpsAgent: new Agent({ ca: await readFile(endpoints.rootCaPath) }),
    }),
  });
}

async function presignedWssUrl(endpoints: Endpoints): Promise<string> {
  const url = new URL(endpoints.wssUrl);
  const signer = new SignatureV4({
    service: 'iotdevicegateway',
    region: endpoints.region,
    credentials: { ...endpoints.controlPlaneCredentials },
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'wss:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/mqtt',
      query: {},
      headers: { host: url.host },
    },
    { expiresIn: 900 },
  );
  const query = new URLSearchParams(signed.query as Record<string, string>).toString();
  return `wss://${url.host}/mqtt?${query}`;
}

describe('startLocalCloud', () => {
  let dataDir: string;
  let cloud: LocalCloud | undefined;
  const clients: MqttClient[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-cloud-e2e-'));
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
    await cloud?.close();
    cloud = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves devices, shadows, WebSocket clients and the data plane, and keeps everything across a restart', async () => {
    cloud = await startLocalCloud({ dataDir }, quiet);
    const endpoints = cloud.endpoints;

    // endpoints.json: what clients read, with the control-plane secret, so 0600.
    const file = join(dataDir, 'endpoints.json');
    expect(EndpointsSchema.parse(JSON.parse(await readFile(file, 'utf8')))).toEqual(endpoints);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(endpoints).toMatchObject({ region: 'ap-northeast-1', iotEndpoint: 'localhost' });

    const device = await provisionThroughControlPlane(endpoints);
    const robot = await connectDevice(endpoints, device);
    clients.push(robot);

    // Named shadow `robot` over MQTT.
    const shadowTopic = `$aws/things/${THING}/shadow/name/robot/update`;
    await robot.subscribeAsync(`${shadowTopic}/accepted`, { qos: 1 });
    const accepted = nextMessage(robot, `${shadowTopic}/accepted`);
    await robot.publishAsync(
      shadowTopic,
      JSON.stringify({ state: { reported: { battery: 87 } } }),
      {
        qos: 1,
      },
    );
    expect(JSON.parse((await accepted).toString())).toMatchObject({
      state: { reported: { battery: 87 } },
      version: 1,
    });

    // Retained status (the device policy grants iot:RetainPublish on it).
    const status = JSON.stringify({ thingName: THING, online: true, state: 'idle', updatedAt: 1 });
    await robot.publishAsync(`amr/${THING}/status`, status, { qos: 1, retain: true });

    // A SigV4 WebSocket client gets the retained status on an exact-topic subscription.
    const ca = await readFile(endpoints.rootCaPath);
    const browser = await mqtt.connectAsync(await presignedWssUrl(endpoints), {
      clientId: `operator-${Date.now()}`,
      protocolVersion: 4,
      reconnectPeriod: 0,
      ca,
      wsOptions: { ca },
    });
    clients.push(browser);
    const retained = nextMessage(browser, `amr/${THING}/status`);
    await browser.subscribeAsync(`amr/${THING}/status`, { qos: 1 });
    expect((await retained).toString()).toBe(status);

    // The data plane through the real SDK.
    const data = await dataPlane(endpoints);
    const shadow = await data.send(
      new GetThingShadowCommand({ thingName: THING, shadowName: 'robot' }),
    );
    expect(JSON.parse(Buffer.from(shadow.payload!).toString())).toMatchObject({
      state: { reported: { battery: 87 } },
    });
    data.destroy();

    // Metrics.
    const metrics = await (await fetch(endpoints.metricsUrl)).text();
    expect(metrics).toMatch(/^# TYPE \S+ (counter|gauge)$/m);

    // Restart on the same data directory: everything is still there.
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
    const rootCa = await readFile(endpoints.rootCaPath, 'utf8');
    await cloud.close();
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    cloud = await startLocalCloud({ dataDir }, quiet);
    const again = cloud.endpoints;
    expect(again.controlPlaneCredentials).toEqual(endpoints.controlPlaneCredentials);
    expect(await readFile(again.rootCaPath, 'utf8')).toBe(rootCa);

    const iot = new IoTClient({
      endpoint: again.controlPlaneUrl,
      region: again.region,
      credentials: { ...again.controlPlaneCredentials },
    });
    expect((await iot.send(new DescribeThingCommand({ thingName: THING }))).thingName).toBe(THING);
    expect(
      (await iot.send(new DescribeCertificateCommand({ certificateId: device.certificateId })))
        .certificateDescription?.status,
    ).toBe('ACTIVE');
    expect((await iot.send(new GetPolicyCommand({ policyName: 'amr-device' }))).policyName).toBe(
      'amr-device',
    );
    iot.destroy();
    const data2 = await dataPlane(again);
    const kept = await data2.send(
      new GetThingShadowCommand({ thingName: THING, shadowName: 'robot' }),
    );
    expect(JSON.parse(Buffer.from(kept.payload!).toString())).toMatchObject({ version: 1 });
    const keptRetained = await data2.send(
      new GetRetainedMessageCommand({ topic: `amr/${THING}/status` }),
    );
    expect(Buffer.from(keptRetained.payload!).toString()).toBe(status);
    data2.destroy();

    // The device reconnects with its certificate.
    clients.push(await connectDevice(again, device));
  });

  it('refuses to start on a port that is in use, naming it, and leaves nothing running', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(
        startLocalCloud({ dataDir, ports: { mqtts: port, https: 0, controlPlane: 0 } }, quiet),
      ).rejects.toMatchObject({
        name: 'LocalCloudError',
        code: 'STARTUP',
        message: `Cannot start the MQTT over TLS: port ${port} on 127.0.0.1 is already in use`,
      });
      // The registry was closed: a second start on the same data directory works.
      cloud = await startLocalCloud({ dataDir }, quiet);
    } finally {
      blocker.close();
    }
  });

  it('refuses a data directory it cannot use', async () => {
    const notADir = join(dataDir, 'file');
    await writeFile(notADir, 'x');
    await expect(startLocalCloud({ dataDir: notADir }, quiet)).rejects.toMatchObject({
      code: 'STARTUP',
      message: expect.stringContaining(`Cannot use data directory "${notADir}"`),
    });
  });

  it('refuses invalid options with CONFIG', async () => {
    await expect(startLocalCloud({ dataDir, accountId: '12' }, quiet)).rejects.toMatchObject({
      code: 'CONFIG',
    });
  });
});
