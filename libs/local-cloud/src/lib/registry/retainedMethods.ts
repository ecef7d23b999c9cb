import { z } from 'zod';
import { decodePageToken } from './decodePageToken.js';
import type { RegistryEnv } from './RegistryEnv.js';
import { resolvePageSize } from './resolvePageSize.js';
import { toPage } from './toPage.js';
import type { Registry, RetainedMessageRecord } from './types.js';

interface RetainedRow {
  topic: string;
  payload: Buffer;
  qos: number;
  last_modified_time: number;
}

const TopicTokenSchema = z.tuple([z.string()]);

/** The retained-message methods of the registry (what GetRetainedMessage / ListRetainedMessages read). */
export function retainedMethods(
  env: RegistryEnv,
): Pick<Registry, 'putRetained' | 'deleteRetained' | 'getRetained' | 'listRetained'> {
  const { db, tx } = env;
  const upsert = db.prepare<[{ topic: string; payload: Buffer; qos: number; time: number }]>(
    `INSERT INTO retained_messages (topic, payload, qos, last_modified_time)
     VALUES (@topic, @payload, @qos, @time)
     ON CONFLICT (topic) DO UPDATE SET payload = excluded.payload, qos = excluded.qos,
       last_modified_time = excluded.last_modified_time`,
  );
  const remove = db.prepare<[string]>('DELETE FROM retained_messages WHERE topic = ?');
  const select = db.prepare<[string], RetainedRow>(
    'SELECT * FROM retained_messages WHERE topic = ?',
  );
  const list = db.prepare<
    [{ after: string | null; limit: number }],
    Omit<RetainedRow, 'payload'> & { payload_size: number }
  >(
    `SELECT topic, qos, last_modified_time, length(payload) AS payload_size FROM retained_messages
     WHERE (@after IS NULL OR topic > @after) ORDER BY topic LIMIT @limit`,
  );

  return {
    putRetained(record) {
      tx(() =>
        upsert.run({
          topic: record.topic,
          // better-sqlite3 binds Buffers as BLOBs; a view shares the bytes without copying.
          payload: Buffer.from(
            record.payload.buffer,
            record.payload.byteOffset,
            record.payload.byteLength,
          ),
          qos: record.qos,
          time: record.lastModifiedTime,
        }),
      );
    },
    deleteRetained(topic) {
      tx(() => remove.run(topic));
    },
    getRetained(topic) {
      const row = select.get(topic);
      if (!row) return undefined;
      return {
        topic: row.topic,
        payload: new Uint8Array(row.payload.buffer, row.payload.byteOffset, row.payload.byteLength),
        qos: toQos(row.qos),
        lastModifiedTime: row.last_modified_time,
      } satisfies RetainedMessageRecord;
    },
    listRetained(query = {}) {
      const size = resolvePageSize(query.maxResults);
      const after =
        query.nextToken === undefined
          ? null
          : decodePageToken(query.nextToken, TopicTokenSchema)[0];
      const rows = list.all({ after, limit: size + 1 });
      return toPage(
        rows,
        size,
        (row) => ({
          topic: row.topic,
          qos: toQos(row.qos),
          lastModifiedTime: row.last_modified_time,
          payloadSize: row.payload_size,
        }),
        (row) => [row.topic],
      );
    },
  };
}

function toQos(value: number): 0 | 1 {
  return value === 1 ? 1 : 0;
}
