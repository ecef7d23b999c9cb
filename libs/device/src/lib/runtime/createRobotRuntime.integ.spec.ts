import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateThingCommand,
  IoTClient,
} from '@aws-sdk/client-iot';
import { startLocalCloud, type Endpoints, type LocalCloud } from '@iot-gateway-net/local-cloud';
import { buildDevicePolicy } from '@iot-gateway-net/policy';
import { amrCommandTopic, shadowTopic } from '@iot-gateway-net/topics';
import mqtt, { type MqttClient } from 'mqtt';
import { createFleetTicker, type FleetTicker } from '../fleet/createFleetTicker.js';
import { createSeededRandom } from '../fleet/createSeededRandom.js';
import { createSimulatedRobot } from '../robot/createSimulatedRobot.js';
import { createRobotRuntime } from './createRobotRuntime.js';
import type { DeviceLogger } from './types.js';

// The robot runtime against the local cloud: a real device certificate with the design's device
// policy (4.2), a simulated robot, and an operator connection that sees what a UI would.

interface Received {
  readonly topic: string;
  readonly retain: boolean;
  /** The QoS of the delivery: min(publish QoS, subscription QoS). */
  readonly qos: number;
  readonly json: Record<string, unknown> | undefined;
}

interface Recorder {
  readonly messages: Received[];
  /** Resolves with the first message from index `from` that `match`es; rejects after `timeoutMs`. */
  waitFor(
    match: (message: Received) => boolean,
    what: string,
    from?: number,
    timeoutMs?: number,
  ): Promise<Received>;
}

function record(client: MqttClient): Recorder {
  const messages: Received[] = [];
  const waiters = new Set<() => void>();
  client.on('message', (topic, payload, packet) => {
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    messages.push({ topic, retain: packet.retain, qos: packet.qos, json });
    for (const waiter of [...waiters]) waiter();
  });
  return {
    messages,
    waitFor(match, what, from = 0, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        let index = from;
        const check = (): void => {
          for (; index < messages.length; index += 1) {
            const message = messages[index];
            if (message !== undefined && match(message)) {
              cleanup();
              resolve(message);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`Timed out waiting for ${what}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

const OPERATOR_POLICY = (e: Endpoints): string => {
  const arn = `arn:aws:iot:${e.region}:${e.accountId}`;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['iot:Connect'], Resource: [`${arn}:client/operator-*`] },
      {
        Effect: 'Allow',
        Action: ['iot:Publish', 'iot:Receive'],
        Resource: [`${arn}:topic/amr/*`, `${arn}:topic/$aws/things/*`],
      },
      {
        Effect: 'Allow',
        Action: ['iot:Subscribe'],
        Resource: [`${arn}:topicfilter/amr/*`, `${arn}:topicfilter/$aws/things/*`],
      },
    ],
  });
};

const silent: DeviceLogger = { log: () => undefined };
const clock = { now: () => Date.now() };
// A small map so missions take a fraction of a second.
const stations = { charger: { x: 0, y: 0 }, dock: { x: 0.6, y: 0 } };

describe('createRobotRuntime against the local cloud', () => {
  let dataDir: string;
  let cloud: LocalCloud;
  let iot: IoTClient;
  let ca: Buffer;
  let operator: MqttClient;
  let seen: Recorder;
  let ticker: FleetTicker;
  const cleanups: (() => Promise<void> | void)[] = [];
  let thingCount = 0;

  async function certificateFor(policyName: string, thingName?: string) {
    const cert = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    await iot.send(new AttachPolicyCommand({ policyName, target: cert.certificateArn }));
    if (thingName !== undefined) {
      await iot.send(
        new AttachThingPrincipalCommand({ thingName, principal: cert.certificateArn }),
      );
    }
    return {
      certificateId: cert.certificateId ?? '',
      cert: cert.certificatePem ?? '',
      key: cert.keyPair?.PrivateKey ?? '',
    };
  }

  function connect(options: mqtt.IClientOptions): Promise<MqttClient> {
    const e = cloud.endpoints;
    return mqtt.connectAsync({
      protocol: 'mqtts',
      host: e.iotEndpoint,
      port: e.mqttsPort,
      protocolVersion: 4,
      ca,
      reconnectPeriod: 0,
      ...options,
    });
  }

  /** A provisioned robot: thing, certificate, simulated robot, runtime, attached connection. */
  async function startRobot(
    runtimeOptions: {
      heartbeatIntervalMs?: number;
      thingName?: string;
      reconnectPeriod?: number;
      log?: DeviceLogger;
      maxCommandBytes?: number;
      maxDeltaBytes?: number;
    } = {},
  ) {
    thingCount += 1;
    const thingName = runtimeOptions.thingName ?? `AMR-IT-${thingCount}`;
    if (runtimeOptions.thingName === undefined)
      await iot.send(new CreateThingCommand({ thingName }));
    const credential = await certificateFor('amr-device', thingName);
    const filters = [
      `amr/${thingName}/status`,
      `amr/${thingName}/heartbeat`,
      `amr/${thingName}/cmd/+/ack`,
      `$aws/things/${thingName}/shadow/name/robot/#`,
    ];
    await new Promise<void>((resolve, reject) => {
      operator.subscribe(filters, { qos: 1 }, (error) => (error ? reject(error) : resolve()));
    });
    // The broker, like AWS IoT, caps subscriptions per connection (50): one robot's at a time.
    cleanups.push(async () => {
      await operator.unsubscribeAsync(filters);
    });
    const robot = createSimulatedRobot({
      clock,
      random: createSeededRandom(thingCount),
      ticker,
      stations,
      startStation: 'charger',
      battery: 90,
    });
    const runtime = createRobotRuntime({
      robot,
      clock,
      log: runtimeOptions.log ?? silent,
      heartbeatIntervalMs: runtimeOptions.heartbeatIntervalMs ?? 10_000,
      statusMinIntervalMs: 100,
      shadowReportMinIntervalMs: 100,
      urgentMinIntervalMs: 0,
      ...(runtimeOptions.maxCommandBytes === undefined
        ? {}
        : { maxCommandBytes: runtimeOptions.maxCommandBytes }),
      ...(runtimeOptions.maxDeltaBytes === undefined
        ? {}
        : { maxDeltaBytes: runtimeOptions.maxDeltaBytes }),
    });
    const client = await connect({
      clientId: thingName,
      cert: credential.cert,
      key: credential.key,
      will: runtime.will(thingName, clock.now()),
      reconnectPeriod: runtimeOptions.reconnectPeriod ?? 0,
    });
    runtime.attach({ thingName, certificateId: credential.certificateId, client });
    cleanups.push(async () => {
      await runtime.close();
      await client.endAsync(true);
    });
    return { thingName, certificateId: credential.certificateId, client, runtime, robot };
  }

  const command = (thingName: string, name: string, payload: unknown): Promise<unknown> =>
    operator.publishAsync(
      amrCommandTopic(thingName, name),
      typeof payload === 'string' ? payload : JSON.stringify(payload),
      { qos: 1 },
    );

  /** Sends `stop` as `requestId` and resolves with its `done` ack (from message index `from`). */
  async function stopDone(
    thingName: string,
    requestId: string,
    from: number,
    what = 'stop done',
  ): Promise<Received> {
    await command(thingName, 'stop', { requestId, issuedAt: clock.now() });
    return seen.waitFor(
      (m) => m.json?.['requestId'] === requestId && m.json['status'] === 'done',
      what,
      from,
    );
  }

  const onlineStatus = (thingName: string, from?: number): Promise<Received> =>
    seen.waitFor(
      (m) => m.topic === `amr/${thingName}/status` && m.json?.['online'] === true,
      'online status',
      from,
    );

  const heartbeat = (thingName: string, what = 'a heartbeat', from?: number): Promise<Received> =>
    seen.waitFor((m) => m.topic === `amr/${thingName}/heartbeat`, what, from);

  const firstReport = (thingName: string): Promise<Received> =>
    seen.waitFor(
      (m) => m.topic === shadowTopic(thingName, 'update/accepted', 'robot'),
      'first report',
    );

  const deltaErrorStatus = (thingName: string, from: number): Promise<Received> =>
    seen.waitFor(
      (m) =>
        m.topic === `amr/${thingName}/status` &&
        (m.json?.['lastError'] as { source?: string } | undefined)?.source === 'shadowDelta',
      'status with the delta error',
      from,
    );

  /**
   * Hands `payloads` to the robot's client as deliveries on its update/delta topic: only the shadow
   * service may publish there (AWS and the local cloud close a client connection that tries).
   */
  function deliverDelta(client: MqttClient, thingName: string, ...payloads: string[]): void {
    const delta = shadowTopic(thingName, 'update/delta', 'robot');
    const packet = { cmd: 'publish', topic: delta, qos: 1, dup: false, retain: false } as const;
    for (const payload of payloads) {
      client.emit('message', delta, Buffer.from(payload), { ...packet, payload: '' });
    }
  }

  /** A connection with a new operator certificate. */
  async function connectOperator(clientId: string): Promise<MqttClient> {
    const credential = await certificateFor('operator');
    return connect({ clientId, cert: credential.cert, key: credential.key });
  }

  /** A second operator (a UI connecting later), ended after the test, with what it receives. */
  async function laterOperator(clientId: string): Promise<{ client: MqttClient; seen: Recorder }> {
    const client = await connectOperator(clientId);
    cleanups.push(() => client.endAsync());
    return { client, seen: record(client) };
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'device-runtime-'));
    cloud = await startLocalCloud({ dataDir }, { writeLog: () => undefined });
    const e = cloud.endpoints;
    ca = await readFile(e.rootCaPath);
    iot = new IoTClient({
      endpoint: e.controlPlaneUrl,
      region: e.region,
      credentials: { ...e.controlPlaneCredentials },
    });
    await iot.send(
      new CreatePolicyCommand({
        policyName: 'amr-device',
        policyDocument: JSON.stringify(
          buildDevicePolicy({ region: e.region, accountId: e.accountId }),
        ),
      }),
    );
    await iot.send(
      new CreatePolicyCommand({ policyName: 'operator', policyDocument: OPERATOR_POLICY(e) }),
    );
    operator = await connectOperator('operator-1');
    seen = record(operator);
    ticker = createFleetTicker({ intervalMs: 50 });
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  afterAll(async () => {
    ticker.close();
    await operator.endAsync();
    iot.destroy();
    await cloud.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('announces the robot online, sends heartbeats with increasing seq and reports the shadow', async () => {
    const from = seen.messages.length;
    const { thingName, certificateId } = await startRobot({ heartbeatIntervalMs: 200 });
    const online = await onlineStatus(thingName, from);
    expect(online.json).toMatchObject({
      thingName,
      online: true,
      state: 'idle',
      mission: null,
      battery: 90,
      certificateId,
    });
    const seqs: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const beat = await seen.waitFor(
        (m) =>
          m.topic === `amr/${thingName}/heartbeat` &&
          typeof m.json?.['seq'] === 'number' &&
          !seqs.includes(m.json['seq']),
        `heartbeat ${i + 1}`,
        from,
      );
      seqs.push(beat.json?.['seq'] as number);
      expect(beat.json).toMatchObject({
        thingName,
        sentAt: expect.any(Number),
        uptimeS: expect.any(Number),
      });
    }
    expect(seqs).toEqual([1, 2, 3]);
    const report = await seen.waitFor(
      (m) => m.topic === shadowTopic(thingName, 'update/accepted', 'robot') && m.json !== undefined,
      'shadow report',
      from,
    );
    expect(report.json).toMatchObject({
      state: {
        reported: { state: 'idle', battery: 90, speedLimit: 1, mode: 'auto', certificateId },
      },
    });
  });

  it('call: accepted at once, status while moving, done on arrival, then idle', async () => {
    const { thingName } = await startRobot();
    await onlineStatus(thingName);
    const from = seen.messages.length;
    await command(thingName, 'call', {
      requestId: 'call-1',
      issuedAt: clock.now(),
      args: { station: 'dock' },
    });
    const ackTopic = `amr/${thingName}/cmd/call/ack`;
    const acceptedAck = await seen.waitFor(
      (m) => m.topic === ackTopic && m.json?.['status'] === 'accepted',
      'accepted ack',
      from,
    );
    expect(acceptedAck.json).toMatchObject({
      requestId: 'call-1',
      command: 'call',
      at: expect.any(Number),
    });
    await seen.waitFor(
      (m) =>
        m.topic === `amr/${thingName}/status` &&
        m.json?.['state'] === 'moving' &&
        m.json['mission'] === 'call-1',
      'moving status',
      from,
    );
    const done = await seen.waitFor(
      (m) => m.topic === ackTopic && m.json?.['status'] !== 'accepted',
      'done ack',
      from,
    );
    expect(done.json).toMatchObject({ requestId: 'call-1', status: 'done' });
    await seen.waitFor(
      (m) =>
        m.topic === `amr/${thingName}/status` &&
        m.json?.['state'] === 'idle' &&
        (m.json['position'] as { x: number }).x === 0.6,
      'idle status at the dock',
      from,
    );
  });

  it('rejects malformed and unknown commands with a reason and keeps running', async () => {
    const { thingName } = await startRobot();
    const from = seen.messages.length;
    await command(thingName, 'call', { requestId: 'bad-1', issuedAt: 'yesterday' });
    await command(thingName, 'dance', { requestId: 'bad-2', issuedAt: clock.now() });
    await command(thingName, 'call', '{not json');
    await command(thingName, 'call', {
      requestId: 'bad-3',
      issuedAt: clock.now(),
      args: { station: 'moon' },
    });
    const malformed = await seen.waitFor(
      (m) => m.json?.['requestId'] === 'bad-1',
      'ack of bad-1',
      from,
    );
    expect(malformed.topic).toBe(`amr/${thingName}/cmd/call/ack`);
    expect(malformed.json).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('issuedAt'),
    });
    const unknown = await seen.waitFor(
      (m) => m.json?.['requestId'] === 'bad-2',
      'ack of bad-2',
      from,
    );
    expect(unknown.topic).toBe(`amr/${thingName}/cmd/dance/ack`);
    expect(unknown.json).toMatchObject({
      status: 'rejected',
      reason: 'Unknown command "dance", expected one of call, stop, charge, resume',
    });
    const refused = await seen.waitFor(
      (m) => m.json?.['requestId'] === 'bad-3',
      'ack of bad-3',
      from,
    );
    expect(refused.json).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('unknown station "moon"'),
    });
    const stop = await stopDone(thingName, 'good-1', from);
    expect(stop.topic).toBe(`amr/${thingName}/cmd/stop/ack`);
  });

  it('applies a desired shadow change, reports it and the delta clears; rejected keys are removed', async () => {
    const { thingName, robot } = await startRobot();
    await firstReport(thingName);
    const from = seen.messages.length;
    await operator.publishAsync(
      shadowTopic(thingName, 'update', 'robot'),
      JSON.stringify({
        state: { desired: { speedLimit: 0.5, mode: 'maintenance', colour: 'red' } },
      }),
      { qos: 1 },
    );
    const documents = await seen.waitFor(
      (m) => {
        if (m.topic !== shadowTopic(thingName, 'update/documents', 'robot')) return false;
        const current = (
          m.json?.['current'] as {
            state: { desired?: Record<string, unknown>; reported?: Record<string, unknown> };
          }
        ).state;
        return (
          current.reported?.['speedLimit'] === 0.5 && current.desired?.['colour'] === undefined
        );
      },
      'documents with speedLimit reported and colour removed',
      from,
    );
    const current = (
      documents.json?.['current'] as { state: Record<string, Record<string, unknown>> }
    ).state;
    expect(current['reported']).toMatchObject({
      speedLimit: 0.5,
      mode: 'maintenance',
      desiredErrors: expect.stringContaining('colour'),
    });
    expect(current['desired']).toEqual({ speedLimit: 0.5, mode: 'maintenance' });
    expect(robot.snapshot().settings).toMatchObject({ speedLimit: 0.5, mode: 'maintenance' });
    const getFrom = seen.messages.length;
    await operator.publishAsync(
      shadowTopic(thingName, 'get', 'robot'),
      JSON.stringify({ clientToken: 'operator-get' }),
      { qos: 1 },
    );
    const document = await seen.waitFor(
      (m) =>
        m.topic === shadowTopic(thingName, 'get/accepted', 'robot') &&
        m.json?.['clientToken'] === 'operator-get',
      'get/accepted',
      getFrom,
    );
    expect(document.topic).toBe(shadowTopic(thingName, 'get/accepted', 'robot'));
    expect((document.json?.['state'] as Record<string, unknown>)['delta']).toBeUndefined();
  });

  it('ignores a malformed shadow delta with a log line and keeps working', async () => {
    const events: string[] = [];
    const { thingName, client } = await startRobot({
      log: { log: (_level, event) => events.push(event) },
    });
    await firstReport(thingName);
    deliverDelta(client, thingName, '{"state": 42', '{"state":"fast","version":"x"}');
    const from = seen.messages.length;
    await stopDone(thingName, 'after-bad-delta', from);
    expect(events.filter((event) => event === 'runtime.payloadInvalid')).toHaveLength(2);
    expect(client.connected).toBe(true);
  });

  it('applies a delta pending from before the robot connected', async () => {
    const thingName = 'AMR-IT-PENDING';
    await iot.send(new CreateThingCommand({ thingName }));
    await operator.publishAsync(
      shadowTopic(thingName, 'update', 'robot'),
      JSON.stringify({ state: { desired: { lowBatteryThreshold: 30 } } }),
      { qos: 1 },
    );
    const from = seen.messages.length;
    const { robot } = await startRobot({ thingName });
    await seen.waitFor(
      (m) =>
        m.topic === shadowTopic(thingName, 'update/documents', 'robot') &&
        (m.json?.['current'] as { state: { reported?: Record<string, unknown> } }).state.reported?.[
          'lowBatteryThreshold'
        ] === 30,
      'pending desired reported',
      from,
    );
    expect(robot.snapshot().settings['lowBatteryThreshold']).toBe(30);
  });

  it('heartbeat loss: a dropped connection publishes the Will and heartbeats stop', async () => {
    const { thingName, client } = await startRobot({ heartbeatIntervalMs: 200 });
    await heartbeat(thingName);
    const closed = new Promise((resolve) => client.once('close', () => resolve(undefined)));
    client.stream.destroy();
    await closed;
    const from = seen.messages.length;
    const will = await seen.waitFor(
      (m) => m.topic === `amr/${thingName}/status` && m.json?.['online'] === false,
      'the Will',
      0,
    );
    expect(will.json).toEqual({
      thingName,
      online: false,
      state: 'offline',
      updatedAt: expect.any(Number),
    });
    // Three heartbeat periods of silence after the Will (waiting on an event that must not come).
    await expect(
      seen.waitFor(
        (m) => m.topic === `amr/${thingName}/heartbeat`,
        'no heartbeat',
        seen.messages.length,
        600,
      ),
    ).rejects.toThrow('Timed out');
    expect(
      seen.messages.slice(from).filter((m) => m.topic === `amr/${thingName}/heartbeat`),
    ).toEqual([]);
  });

  it('after an automatic reconnect it announces the robot again and heartbeats go on', async () => {
    // The local cloud, like AWS, accepts one CONNECT per second per client id.
    const { thingName, client } = await startRobot({
      heartbeatIntervalMs: 200,
      reconnectPeriod: 1_100,
    });
    const first = await heartbeat(thingName);
    const from = seen.messages.length;
    client.stream.destroy();
    await seen.waitFor(
      (m) => m.topic === `amr/${thingName}/status` && m.json?.['online'] === false,
      'the Will',
      from,
    );
    await seen.waitFor(
      (m) => m.topic === `amr/${thingName}/status` && m.json?.['online'] === true,
      'online again',
      from,
    );
    const later = await heartbeat(thingName, 'heartbeat after reconnect', seen.messages.length);
    expect(later.json?.['seq']).toBeGreaterThan(first.json?.['seq'] as number);
    // The subscriptions were renewed: commands still arrive.
    const commandsFrom = seen.messages.length;
    await stopDone(thingName, 'after-reconnect', commandsFrom, 'stop done after reconnect');
  });

  it('graceful detach publishes a retained offline status and no Will follows', async () => {
    const { thingName, client, runtime, certificateId } = await startRobot({
      heartbeatIntervalMs: 200,
    });
    await heartbeat(thingName);
    const from = seen.messages.length;
    await runtime.detach({ final: true });
    await client.endAsync();
    const offline = await seen.waitFor(
      (m) => m.topic === `amr/${thingName}/status` && m.json?.['online'] === false,
      'offline status',
      from,
    );
    expect(offline.json).toMatchObject({
      thingName,
      online: false,
      state: 'offline',
      mission: null,
      certificateId,
    });
    // Nothing else on status or heartbeat: the Will is not sent after a DISCONNECT.
    await expect(
      seen.waitFor(
        (m) => m.topic === `amr/${thingName}/status` || m.topic === `amr/${thingName}/heartbeat`,
        'nothing more',
        seen.messages.length,
        1_000,
      ),
    ).rejects.toThrow('Timed out');
    // A UI connecting later reads the retained offline status (exact-topic subscription).
    const { client: later, seen: laterSeen } = await laterOperator('operator-2');
    await later.subscribeAsync(`amr/${thingName}/status`, { qos: 1 });
    const retained = await laterSeen.waitFor((m) => m.retain, 'retained status');
    expect(retained.json).toMatchObject({ online: false, state: 'offline', certificateId });
  });

  it('heartbeats and the online status are published QoS 1 and retained: a late subscriber reads both', async () => {
    const from = seen.messages.length;
    const { thingName } = await startRobot({ heartbeatIntervalMs: 200 });
    // The operator subscribed with QoS 1: a QoS 1 delivery means the robot published at QoS 1.
    const beat = await heartbeat(thingName, 'a heartbeat', from);
    expect(beat.qos).toBe(1);
    const online = await onlineStatus(thingName, from);
    expect(online.qos).toBe(1);

    const { client: late, seen: lateSeen } = await laterOperator('operator-late');
    await late.subscribeAsync([`amr/${thingName}/heartbeat`, `amr/${thingName}/status`], {
      qos: 1,
    });
    const retainedBeat = await lateSeen.waitFor(
      (m) => m.topic === `amr/${thingName}/heartbeat` && m.retain,
      'retained heartbeat',
    );
    expect(retainedBeat.qos).toBe(1);
    expect(retainedBeat.json).toMatchObject({ thingName, seq: expect.any(Number) });
    const retainedStatus = await lateSeen.waitFor(
      (m) => m.topic === `amr/${thingName}/status` && m.retain,
      'retained status',
    );
    expect(retainedStatus.qos).toBe(1);
    expect(retainedStatus.json).toMatchObject({ thingName, online: true, state: 'idle' });
  });

  it('rejects an oversized command and answers a non-JSON one with requestId null; the status shows the error', async () => {
    const events: string[] = [];
    const { thingName, client } = await startRobot({
      maxCommandBytes: 1_024,
      log: { log: (_level, event) => events.push(event) },
    });
    await onlineStatus(thingName);
    const from = seen.messages.length;
    const ackTopic = `amr/${thingName}/cmd/call/ack`;
    await command(thingName, 'call', {
      requestId: 'big-1',
      issuedAt: clock.now(),
      args: { station: 'x'.repeat(2_000) },
    });
    const big = await seen.waitFor((m) => m.json?.['requestId'] === 'big-1', 'ack of big-1', from);
    expect(big.topic).toBe(ackTopic);
    expect(big.json).toMatchObject({
      command: 'call',
      status: 'rejected',
      reason: expect.stringMatching(/of \d+ bytes, expected at most 1024$/),
    });

    await command(thingName, 'call', 'go to the dock, please');
    const anonymous = await seen.waitFor(
      (m) => m.topic === ackTopic && m.json?.['requestId'] === null,
      'ack with requestId null',
      from,
    );
    expect(anonymous.json).toEqual({
      requestId: null,
      command: 'call',
      status: 'rejected',
      reason: 'Unexpected call command payload: expected JSON, received "go to the dock, please"',
      at: expect.any(Number),
    });
    const status = await seen.waitFor(
      (m) => m.topic === `amr/${thingName}/status` && m.json?.['lastError'] !== undefined,
      'status with lastError',
      from,
    );
    expect(status.json).toMatchObject({
      online: true,
      lastError: {
        source: 'command',
        command: 'call',
        reason: expect.stringContaining('expected JSON'),
        at: expect.any(Number),
      },
    });

    await stopDone(thingName, 'after-bad-command', from);
    expect(client.connected).toBe(true);
    expect(events.filter((event) => event === 'runtime.commandRejected')).toHaveLength(2);
  });

  it('an oversized shadow delta from the shadow service is ignored and shown in the status', async () => {
    const { thingName, client, robot } = await startRobot({ maxDeltaBytes: 200 });
    await firstReport(thingName);
    const from = seen.messages.length;
    await operator.publishAsync(
      shadowTopic(thingName, 'update', 'robot'),
      JSON.stringify({ state: { desired: { speedLimit: 0.5, note: 'n'.repeat(300) } } }),
      { qos: 1 },
    );
    const status = await deltaErrorStatus(thingName, from);
    expect(status.json).toMatchObject({
      online: true,
      lastError: {
        source: 'shadowDelta',
        reason: expect.stringMatching(
          /^Ignored a shadow delta of \d+ bytes, expected at most 200$/,
        ),
      },
    });
    expect(robot.snapshot().settings['speedLimit']).not.toBe(0.5);
    const stopFrom = seen.messages.length;
    await stopDone(thingName, 'after-big-delta', stopFrom);
    expect(client.connected).toBe(true);
  });

  it('a malformed shadow delta is shown in the status (lastError) and the robot keeps working', async () => {
    const { thingName, client } = await startRobot();
    await firstReport(thingName);
    const from = seen.messages.length;
    deliverDelta(client, thingName, '{"state": 42');
    const status = await deltaErrorStatus(thingName, from);
    expect(status.json).toMatchObject({
      lastError: { source: 'shadowDelta', reason: expect.stringContaining('shadow delta') },
    });
    await stopDone(thingName, 'after-malformed', from);
    expect(client.connected).toBe(true);
  });
});
