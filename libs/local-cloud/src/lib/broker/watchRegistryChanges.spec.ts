import type { RegistryChange } from '../registry/types.js';
import type { BrokerConnection } from './BrokerConnection.js';
import { watchRegistryChanges } from './watchRegistryChanges.js';

const ARN = 'arn:aws:iot:ap-northeast-1:123456789012:cert/';

function connection(
  clientId: string,
  certificateId: string,
  policyNames: string[],
): BrokerConnection {
  return {
    clientId,
    certificateId,
    finished: false,
    authorization: { principal: ARN + certificateId, policyNames },
  } as unknown as BrokerConnection;
}

function setup() {
  let listener: ((change: RegistryChange) => void) | undefined;
  const a = connection('AMR-001', 'a'.repeat(64), ['device']);
  const b = connection('AMR-002', 'b'.repeat(64), ['device', 'extra']);
  const disconnected: string[] = [];
  const reauthorized: string[] = [];
  let invalidated = 0;
  const stop = watchRegistryChanges({
    registry: {
      onChange: (l) => {
        listener = l;
        return () => (listener = undefined);
      },
    },
    connections: [a, b],
    disconnect: (c, reason, detail) => disconnected.push(`${c.clientId} ${reason} ${detail}`),
    reauthorize: (c) => reauthorized.push(c.clientId),
    policyChanged: () => (invalidated += 1),
  });
  const emit = (change: RegistryChange): void => listener?.(change);
  const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  return { a, b, emit, turn, stop, disconnected, reauthorized, invalidated: () => invalidated };
}

describe('watchRegistryChanges', () => {
  it('disconnects the connections of a certificate that leaves ACTIVE, after the transaction', async () => {
    const w = setup();
    w.emit({ type: 'certificate', certificateId: 'a'.repeat(64), status: 'ACTIVE' });
    w.emit({ type: 'certificate', certificateId: 'a'.repeat(64), status: 'INACTIVE' });
    expect(w.disconnected).toEqual([]);
    await w.turn();
    expect(w.disconnected).toEqual([
      `AMR-001 AUTH_ERROR certificate ${'a'.repeat(64)} is INACTIVE`,
    ]);
  });

  it('re-authorizes each affected connection once per batch of changes', async () => {
    const w = setup();
    w.emit({ type: 'policy', policyName: 'extra' });
    w.emit({ type: 'policyAttachment', policyName: 'device', target: ARN + 'b'.repeat(64) });
    w.emit({ type: 'thingPrincipal', thingName: 'AMR-001', principal: ARN + 'a'.repeat(64) });
    await w.turn();
    expect(w.reauthorized.sort()).toEqual(['AMR-001', 'AMR-002']);
    expect(w.invalidated()).toBe(1);
    w.emit({ type: 'thing', thingName: 'AMR-002' });
    w.emit({ type: 'caCertificate', caCertificateId: 'c'.repeat(64) });
    await w.turn();
    expect(w.reauthorized.slice(2)).toEqual(['AMR-002']);
  });

  it('skips finished connections and stops when asked', async () => {
    const w = setup();
    Object.assign(w.a, { finished: true });
    w.emit({ type: 'policy', policyName: 'device' });
    await w.turn();
    expect(w.reauthorized).toEqual(['AMR-002']);
    w.stop();
    w.emit({ type: 'policy', policyName: 'device' });
    await w.turn();
    expect(w.reauthorized).toEqual(['AMR-002']);
  });
});
