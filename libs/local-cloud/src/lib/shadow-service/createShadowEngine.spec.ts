import { StoredShadowSchema } from '@iot-gateway-net/shadow';
import {
  ShadowDocumentsSchema,
  ShadowErrorSchema,
  ShadowUpdateAcceptedSchema,
} from '@iot-gateway-net/topics';
import { createJsonLogger } from '../context/createJsonLogger.js';
import { createMetrics } from '../context/createMetrics.js';
import type { Metrics } from '../context/Metrics.js';
import type { ServicePublishOptions } from '../context/MessageBus.js';
import { createRegistry } from '../registry/createRegistry.js';
import type { Registry } from '../registry/types.js';
import { createShadowEngine } from './createShadowEngine.js';
import type { ShadowEngine, ShadowRequest } from './types.js';

const NOW = Date.parse('2025-04-01T09:00:00Z');
const clock = { now: () => NOW };

interface Published {
  topic: string;
  payload: string;
  options: ServicePublishOptions | undefined;
}

/** A MessageBus publish port that records what the engine publishes and can hold deliveries. */
function recordingBus() {
  const published: Published[] = [];
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => undefined;
  return {
    published,
    topics: () => published.map((p) => p.topic),
    hold() {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release: () => open(),
    async publish(topic: string, payload: Uint8Array | string, options?: ServicePublishOptions) {
      await gate;
      published.push({
        topic,
        payload: typeof payload === 'string' ? payload : new TextDecoder().decode(payload),
        options,
      });
    },
  };
}

function update(document: unknown, extra: Partial<ShadowRequest> = {}): ShadowRequest {
  return {
    operation: 'update',
    thingName: 'AMR-001',
    shadowName: undefined,
    payload: JSON.stringify(document),
    protocol: 'mqtt',
    ...extra,
  };
}

describe('createShadowEngine', () => {
  let registry: Registry;
  let metrics: Metrics;
  let bus: ReturnType<typeof recordingBus>;
  let engine: ShadowEngine;

  beforeEach(() => {
    registry = createRegistry({
      path: ':memory:',
      region: 'ap-northeast-1',
      accountId: '123456789012',
      clock,
    });
    metrics = createMetrics();
    bus = recordingBus();
    const logger = createJsonLogger({ write: () => undefined });
    engine = createShadowEngine({ registry, clock, logger, metrics }, bus);
  });

  afterEach(() => registry.close());

  it('answers an MQTT update on accepted, delta and documents at QoS 1 and stores the shadow', async () => {
    const outcome = await engine.execute(
      update({ state: { desired: { mode: 'AUTO' } }, clientToken: 'c1' }),
    );

    expect(outcome.accepted).toBe(true);
    expect(outcome.status).toBe(200);
    const accepted = ShadowUpdateAcceptedSchema.parse(JSON.parse(outcome.body));
    expect(accepted).toMatchObject({
      state: { desired: { mode: 'AUTO' } },
      version: 1,
      clientToken: 'c1',
      timestamp: NOW / 1000,
    });
    expect(bus.topics()).toEqual([
      '$aws/things/AMR-001/shadow/update/accepted',
      '$aws/things/AMR-001/shadow/update/delta',
      '$aws/things/AMR-001/shadow/update/documents',
    ]);
    expect(bus.published.every((p) => p.options?.qos === 1 && p.options.retain !== true)).toBe(
      true,
    );
    expect(StoredShadowSchema.parse(registry.getShadow('AMR-001', ''))).toMatchObject({
      state: { desired: { mode: 'AUTO' } },
      version: 1,
    });
  });

  it('keeps named shadows apart from the classic one', async () => {
    await engine.execute(update({ state: { reported: { x: 1 } } }, { shadowName: 'robot' }));

    expect(bus.topics()).toEqual([
      '$aws/things/AMR-001/shadow/name/robot/update/accepted',
      '$aws/things/AMR-001/shadow/name/robot/update/documents',
    ]);
    expect(registry.getShadow('AMR-001', 'robot')?.version).toBe(1);
    expect(registry.getShadow('AMR-001', '')).toBeUndefined();
  });

  it('publishes an MQTT error on the rejected topic and stores nothing', async () => {
    const outcome = await engine.execute(update('not an object'));

    expect(outcome).toMatchObject({ accepted: false, status: 400 });
    expect(JSON.parse(outcome.body)).toEqual({
      code: 400,
      message: 'Missing required node: state',
    });
    expect(bus.topics()).toEqual(['$aws/things/AMR-001/shadow/update/rejected']);
    expect(registry.getShadow('AMR-001', '')).toBeUndefined();
  });

  it('publishes only the side effects of HTTPS requests', async () => {
    const updated = await engine.execute(
      update({ state: { desired: { speed: 2 } } }, { protocol: 'https' }),
    );
    expect(updated.accepted).toBe(true);
    expect(bus.topics()).toEqual([
      '$aws/things/AMR-001/shadow/update/accepted',
      '$aws/things/AMR-001/shadow/update/delta',
      '$aws/things/AMR-001/shadow/update/documents',
    ]);

    bus.published.length = 0;
    const got = await engine.execute({ ...update(''), operation: 'get', protocol: 'https' });
    expect(got.accepted).toBe(true);
    expect(JSON.parse(got.body)).toMatchObject({ state: { delta: { speed: 2 } }, version: 1 });
    const conflict = await engine.execute(
      update({ state: { desired: { speed: 3 } }, version: 7 }, { protocol: 'https' }),
    );
    expect(conflict).toMatchObject({ accepted: false, status: 409 });
    expect(bus.published).toEqual([]);

    const deleted = await engine.execute({ ...update(''), operation: 'delete', protocol: 'https' });
    expect(JSON.parse(deleted.body)).toEqual({ version: 1, timestamp: NOW / 1000 });
    expect(bus.topics()).toEqual(['$aws/things/AMR-001/shadow/delete/accepted']);
    const missing = await engine.execute({ ...update(''), operation: 'get', protocol: 'https' });
    expect(missing).toMatchObject({ accepted: false, status: 404 });
  });

  it('orders requests on one shadow: the second starts after the first was published', async () => {
    bus.hold();
    const first = engine.execute(update({ state: { desired: { step: 1 } } }));
    const second = engine.execute(update({ state: { desired: { step: 2 } } }));
    // The first commits in the next turn of the event loop (group commit) and is then held in its
    // publish; two turns would let the second commit too if it did not wait for the first.
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(registry.getShadow('AMR-001', '')?.version).toBe(1);
    bus.release();
    await Promise.all([first, second]);

    const documents = bus.published
      .filter((p) => p.topic.endsWith('/documents'))
      .map((p) => ShadowDocumentsSchema.parse(JSON.parse(p.payload)).current.version);
    expect(documents).toEqual([1, 2]);
    expect(bus.topics().slice(0, 3)).toEqual([
      '$aws/things/AMR-001/shadow/update/accepted',
      '$aws/things/AMR-001/shadow/update/delta',
      '$aws/things/AMR-001/shadow/update/documents',
    ]);
  });

  it('answers 429 to the 11th in-flight request of one connection, not to other connections', async () => {
    bus.hold();
    const inFlight = Array.from({ length: 10 }, (_, i) =>
      engine.execute(update({ state: { reported: { i } } }, { connectionId: 'robot-1' })),
    );
    const throttled = engine.execute(
      update({ state: { reported: { i: 10 } }, clientToken: 'late' }, { connectionId: 'robot-1' }),
    );
    const other = engine.execute(
      update(
        { state: { reported: { other: true } } },
        { shadowName: 'x', connectionId: 'robot-2' },
      ),
    );
    bus.release();

    const outcome = await throttled;
    expect(outcome).toMatchObject({ accepted: false, status: 429 });
    expect(ShadowErrorSchema.parse(JSON.parse(outcome.body))).toEqual({
      code: 429,
      message: 'Too Many Requests',
      timestamp: NOW / 1000,
      clientToken: 'late',
    });
    expect((await other).accepted).toBe(true);
    expect((await Promise.all(inFlight)).every((o) => o.accepted)).toBe(true);
    expect(registry.getShadow('AMR-001', '')?.version).toBe(10);

    const afterwards = await engine.execute(
      update({ state: { reported: { i: 11 } } }, { connectionId: 'robot-1' }),
    );
    expect(afterwards.accepted).toBe(true);
  });

  it('answers 500 Internal service failure when the registry fails', async () => {
    registry.close();
    const outcome = await engine.execute(
      update({ state: { desired: { a: 1 } }, clientToken: 't' }),
    );

    expect(outcome).toMatchObject({ accepted: false, status: 500 });
    expect(JSON.parse(outcome.body)).toEqual({
      code: 500,
      message: 'Internal service failure',
      timestamp: NOW / 1000,
      clientToken: 't',
    });
    expect(bus.topics()).toEqual(['$aws/things/AMR-001/shadow/update/rejected']);
  });

  it('counts operations by operation, result and protocol', async () => {
    await engine.execute(update({ state: { desired: { a: 1 } } }));
    await engine.execute(update('{', { protocol: 'https' }));
    await engine.execute({ ...update(''), operation: 'get' });

    const text = metrics.render();
    expect(text).toContain(
      'local_cloud_shadow_operations_total{operation="update",protocol="mqtt",result="accepted"} 1',
    );
    expect(text).toContain(
      'local_cloud_shadow_operations_total{operation="update",protocol="https",result="rejected"} 1',
    );
    expect(text).toContain(
      'local_cloud_shadow_operations_total{operation="get",protocol="mqtt",result="accepted"} 1',
    );
  });
});
