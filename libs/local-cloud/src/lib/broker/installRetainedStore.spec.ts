import type { Readable } from 'node:stream';
import type { AedesPublishPacket } from 'aedes';
import type { Registry, RetainedMessageRecord } from '../registry/types.js';
import type { RetainedPersistence } from './aedesInternals.js';
import { installRetainedStore } from './installRetainedStore.js';

type RetainedPort = Pick<
  Registry,
  'putRetained' | 'deleteRetained' | 'getRetained' | 'transaction'
>;

function mapPort(): RetainedPort & { records: Map<string, RetainedMessageRecord> } {
  const records = new Map<string, RetainedMessageRecord>();
  return {
    records,
    putRetained: (record) => void records.set(record.topic, record),
    deleteRetained: (topic) => void records.delete(topic),
    getRetained: (topic) => records.get(topic),
    transaction: (fn) => fn(),
  };
}

function unusedPersistence(): RetainedPersistence {
  const fail = (): never => {
    throw new Error('replaced');
  };
  return { storeRetained: fail, createRetainedStream: fail, createRetainedStreamCombi: fail };
}

function packet(topic: string, payload: string, qos: 0 | 1 = 1): AedesPublishPacket {
  return {
    cmd: 'publish',
    topic,
    payload: Buffer.from(payload),
    qos,
    retain: true,
    dup: false,
    brokerId: 'b',
    brokerCounter: 1,
  };
}

async function read(
  stream: Readable,
): Promise<{ topic: string; payload: string; retain: boolean }[]> {
  const out: { topic: string; payload: string; retain: boolean }[] = [];
  for await (const item of stream) {
    const p = item as { topic: string; payload: Buffer; retain: boolean };
    out.push({ topic: p.topic, payload: p.payload.toString(), retain: p.retain });
  }
  return out;
}

describe('installRetainedStore', () => {
  it('stores retained publishes in the registry and deletes on a 0-byte payload', async () => {
    const port = mapPort();
    const persistence = unusedPersistence();
    installRetainedStore(persistence, port, () => 42);
    await persistence.storeRetained(packet('amr/AMR-001/status', '{"state":"idle"}'));
    expect(port.records.get('amr/AMR-001/status')).toEqual({
      topic: 'amr/AMR-001/status',
      payload: new Uint8Array(Buffer.from('{"state":"idle"}')),
      qos: 1,
      lastModifiedTime: 42,
    });
    await persistence.storeRetained(packet('amr/AMR-001/status', ''));
    expect(port.records.size).toBe(0);
    // Deleting what is not there is not an error (AWS: a 0-byte retained publish always succeeds).
    await expect(persistence.storeRetained(packet('never/stored', ''))).resolves.toBeUndefined();
  });

  it('delivers retained messages to exact-topic filters only', async () => {
    const port = mapPort();
    const persistence = unusedPersistence();
    installRetainedStore(persistence, port, () => 0);
    await persistence.storeRetained(packet('amr/AMR-001/status', 'a'));
    await persistence.storeRetained(packet('amr/AMR-002/status', 'b'));
    expect(
      await read(
        persistence.createRetainedStreamCombi([
          'amr/+/status',
          'amr/#',
          'amr/AMR-002/status',
          'amr/AMR-002/status',
          'amr/AMR-003/status',
        ]),
      ),
    ).toEqual([{ topic: 'amr/AMR-002/status', payload: 'b', retain: true }]);
    expect(await read(persistence.createRetainedStream('amr/AMR-001/status'))).toEqual([
      { topic: 'amr/AMR-001/status', payload: 'a', retain: true },
    ]);
    expect(await read(persistence.createRetainedStream('#'))).toEqual([]);
  });

  it('passes registry failures to Aedes', async () => {
    const persistence = unusedPersistence();
    installRetainedStore(
      persistence,
      {
        putRetained: () => {
          throw new Error('disk full');
        },
        deleteRetained: () => undefined,
        getRetained: () => undefined,
        transaction: <T>(fn: () => T): T => fn(),
      },
      () => 0,
    );
    await expect(persistence.storeRetained(packet('a', 'x'))).rejects.toThrow('disk full');
  });
});
