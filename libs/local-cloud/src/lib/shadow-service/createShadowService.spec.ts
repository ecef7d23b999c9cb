import { createJsonLogger } from '../context/createJsonLogger.js';
import { createMetrics } from '../context/createMetrics.js';
import type { CloudContext } from '../context/CloudContext.js';
import { createCredentialStore } from '../context/createCredentialStore.js';
import type { InboundMessage, MessageBus } from '../context/MessageBus.js';
import { createRegistry } from '../registry/createRegistry.js';
import type { Registry } from '../registry/types.js';
import { createShadowService } from './createShadowService.js';
import type { ShadowService } from './types.js';

const NOW = Date.parse('2025-04-01T09:00:00Z');

/** A MessageBus port: records publishes and lets the test play client publishes. */
function scriptedBus() {
  const published: string[] = [];
  const handlers: { filter: string; handler: (m: InboundMessage) => void | Promise<void> }[] = [];
  const bus: MessageBus = {
    publish(topic) {
      published.push(topic);
      return Promise.resolve();
    },
    sendToClient: () => Promise.resolve(false),
    handle(filter, handler) {
      const entry = { filter, handler };
      handlers.push(entry);
      return () => void handlers.splice(handlers.indexOf(entry), 1);
    },
  };
  const clientPublish = async (topic: string, payload = ''): Promise<void> => {
    for (const { handler } of [...handlers]) {
      await handler({
        topic,
        payload: new TextEncoder().encode(payload),
        qos: 1,
        retain: false,
        clientId: 'AMR-001',
        principal: undefined,
        certificateId: undefined,
        thingName: 'AMR-001',
        receivedAt: NOW,
      });
    }
  };
  return { bus, published, handlers, clientPublish };
}

describe('createShadowService', () => {
  let registry: Registry;
  let scripted: ReturnType<typeof scriptedBus>;
  let service: ShadowService;

  beforeEach(() => {
    const clock = { now: () => NOW };
    registry = createRegistry({
      path: ':memory:',
      region: 'ap-northeast-1',
      accountId: '123456789012',
      clock,
    });
    scripted = scriptedBus();
    const ctx = {
      region: 'ap-northeast-1',
      accountId: '123456789012',
      endpointHost: 'localhost',
      registry,
      credentials: createCredentialStore(),
      clock,
      logger: createJsonLogger({ write: () => undefined }),
      metrics: createMetrics(),
    } as Omit<CloudContext, 'ca' | 'rootCaPem'> as CloudContext;
    service = createShadowService(ctx, scripted.bus);
  });

  afterEach(async () => {
    await service.close();
    registry.close();
  });

  it('handles client publishes on every shadow topic with one wildcard handler', () => {
    expect(scripted.handlers.map((h) => h.filter)).toEqual(['$aws/things/+/shadow/#']);
  });

  it('executes get, update and delete requests of classic and named shadows', async () => {
    await scripted.clientPublish(
      '$aws/things/AMR-001/shadow/name/robot/update',
      '{"state":{"reported":{"ok":true}}}',
    );
    await scripted.clientPublish('$aws/things/AMR-001/shadow/name/robot/get');
    // Requests on different shadows run concurrently: wait before the next one.
    await service.drain();
    await scripted.clientPublish('$aws/things/AMR-001/shadow/delete');
    await service.drain();

    expect(scripted.published).toEqual([
      '$aws/things/AMR-001/shadow/name/robot/update/accepted',
      '$aws/things/AMR-001/shadow/name/robot/update/documents',
      '$aws/things/AMR-001/shadow/name/robot/get/accepted',
      '$aws/things/AMR-001/shadow/delete/rejected',
    ]);
  });

  it('ignores answer topics, unknown suffixes and names AWS would refuse', async () => {
    await scripted.clientPublish('$aws/things/AMR-001/shadow/update/accepted', '{}');
    await scripted.clientPublish('$aws/things/AMR-001/shadow/update/delta', '{}');
    await scripted.clientPublish('$aws/things/AMR-001/shadow/bogus', '{}');
    await scripted.clientPublish('$aws/things/bad name/shadow/get');
    await scripted.clientPublish('$aws/things/AMR-001/shadow/name/$robot/get');
    await service.drain();

    expect(scripted.published).toEqual([]);
    expect(registry.getShadow('AMR-001', '')).toBeUndefined();
  });

  it('stops taking requests when closed', async () => {
    await service.close();
    expect(scripted.handlers).toEqual([]);
    // Still usable for HTTPS requests routed to it directly.
    const outcome = await service.execute({
      operation: 'get',
      thingName: 'AMR-001',
      shadowName: undefined,
      payload: '',
      protocol: 'https',
    });
    expect(outcome.status).toBe(404);
  });
});
