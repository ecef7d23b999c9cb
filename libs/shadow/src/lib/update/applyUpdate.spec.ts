import type { ShadowUpdateRequest } from '@iot-gateway-net/topics';
import type { StoredShadow } from '../document/schemas.js';
import { applyUpdate, type ApplyUpdateResult } from './applyUpdate.js';

const T0 = 1_700_000_000;
const at = (seconds: number) => seconds * 1000 + 999;
const ts = (timestamp: number) => ({ timestamp });

function ok(result: ApplyUpdateResult) {
  if (!result.ok) {
    throw new Error(`unexpected rejection ${JSON.stringify(result.error)}`);
  }
  return result;
}

/** Applies a sequence of requests, one second apart from T0 + 1. */
function run(...requests: ShadowUpdateRequest[]): StoredShadow | undefined {
  let shadow: StoredShadow | undefined;
  requests.forEach((request, index) => {
    shadow = ok(applyUpdate(shadow, request, { now: at(T0 + 1 + index) })).next;
  });
  return shadow;
}

describe('applyUpdate: creating a shadow', () => {
  it('stores the first update as version 1 and answers accepted and documents without previous', () => {
    const result = ok(
      applyUpdate(
        undefined,
        { state: { reported: { color: 'green', pos: { x: 1, y: 2 } } }, clientToken: 'c1' },
        { now: at(T0) },
      ),
    );
    const metadata = { reported: { color: ts(T0), pos: { x: ts(T0), y: ts(T0) } } };
    expect(result.next).toEqual({
      state: { reported: { color: 'green', pos: { x: 1, y: 2 } } },
      metadata,
      version: 1,
    });
    expect(result.accepted).toEqual({
      state: { reported: { color: 'green', pos: { x: 1, y: 2 } } },
      metadata,
      version: 1,
      timestamp: T0,
      clientToken: 'c1',
    });
    expect(result.delta).toBeUndefined();
    expect(result.documents).toEqual({
      current: { state: result.next.state, metadata, version: 1 },
      timestamp: T0,
      clientToken: 'c1',
    });
    expect(result.documents).not.toHaveProperty('previous');
  });

  it('leaves clientToken out of every answer when the request has none', () => {
    const result = ok(applyUpdate(undefined, { state: { desired: { a: 1 } } }, { now: at(T0) }));
    expect(result.accepted).not.toHaveProperty('clientToken');
    expect(result.delta).not.toHaveProperty('clientToken');
    expect(result.documents).not.toHaveProperty('clientToken');
  });
});

describe('applyUpdate: merging', () => {
  it('merges objects key by key and keeps untouched keys and their timestamps', () => {
    const stored = run({ state: { desired: { a: 1, nested: { x: 1, y: 2 } } } });
    const result = ok(
      applyUpdate(
        stored,
        { state: { desired: { nested: { y: 3, z: 4 }, b: 'new' } } },
        {
          now: at(T0 + 10),
        },
      ),
    );
    expect(result.next.state).toEqual({
      desired: { a: 1, nested: { x: 1, y: 3, z: 4 }, b: 'new' },
    });
    expect(result.next.metadata).toEqual({
      desired: {
        a: ts(T0 + 1),
        nested: { x: ts(T0 + 1), y: ts(T0 + 10), z: ts(T0 + 10) },
        b: ts(T0 + 10),
      },
    });
    expect(result.accepted.metadata).toEqual({
      desired: { nested: { y: ts(T0 + 10), z: ts(T0 + 10) }, b: ts(T0 + 10) },
    });
  });

  it('keeps key order, appending new keys', () => {
    const stored = run({ state: { reported: { a: 1, b: 2, c: 3 } } });
    const next = ok(
      applyUpdate(stored, { state: { reported: { a: 9, d: 4 } } }, { now: at(T0 + 5) }),
    ).next;
    expect(Object.keys(next.state.reported ?? {})).toEqual(['a', 'b', 'c', 'd']);
    expect(Object.keys(next.metadata.reported ?? {})).toEqual(['a', 'b', 'c', 'd']);
  });

  it('deletes keys set to null, with their metadata, and echoes the null in accepted', () => {
    const stored = run({
      state: { desired: { engine: 'ON', color: 'red', deep: { a: 1, b: 2 } } },
    });
    const result = ok(
      applyUpdate(
        stored,
        { state: { desired: { engine: null, deep: { a: null } } } },
        {
          now: at(T0 + 9),
        },
      ),
    );
    expect(result.next.state).toEqual({ desired: { color: 'red', deep: { b: 2 } } });
    expect(result.next.metadata).toEqual({
      desired: { color: ts(T0 + 1), deep: { b: ts(T0 + 1) } },
    });
    expect(result.accepted.state).toEqual({ desired: { engine: null, deep: { a: null } } });
    expect(result.accepted.metadata).toEqual({
      desired: { engine: ts(T0 + 9), deep: { a: ts(T0 + 9) } },
    });
  });

  it('drops objects left empty and the section when it empties', () => {
    const stored = run({ state: { desired: { deep: { a: 1 } }, reported: { r: 1 } } });
    const next = ok(
      applyUpdate(stored, { state: { desired: { deep: { a: null } } } }, { now: at(T0 + 5) }),
    ).next;
    expect(next.state).toEqual({ reported: { r: 1 } });
    expect(next.metadata).toEqual({ reported: { r: ts(T0 + 1) } });
  });

  it('ignores nulls for keys that do not exist and stores no empty objects', () => {
    const next = run({ state: { desired: { gone: null, empty: {}, holder: { x: null } } } });
    expect(next?.state).toEqual({});
    expect(next?.metadata).toEqual({});
    expect(next?.version).toBe(1);
  });

  it('removes a section set to null, metadata included', () => {
    // "Device Shadow service documents" → "Empty shadow document properties".
    const stored = run({ state: { desired: { color: 'red' }, reported: { color: 'blue' } } });
    const result = ok(
      applyUpdate(
        stored,
        { state: { reported: { color: 'red' }, desired: null } },
        {
          now: at(T0 + 4),
        },
      ),
    );
    expect(result.next).toEqual({
      state: { reported: { color: 'red' } },
      metadata: { reported: { color: ts(T0 + 4) } },
      version: 2,
    });
    expect(result.accepted.state).toEqual({ reported: { color: 'red' }, desired: null });
    expect(result.accepted.metadata).toEqual({
      reported: { color: ts(T0 + 4) },
      desired: ts(T0 + 4),
    });
  });

  it('clears both sections for state: null, answering as AWS does', () => {
    // moto issue 9237 quotes AWS: {"state":null,"metadata":{"timestamp":…},"version":18,…}
    const stored = run({ state: { desired: { a: 1 }, reported: { b: 2 } } });
    const result = ok(applyUpdate(stored, { state: null }, { now: at(T0 + 7) }));
    expect(result.next).toEqual({ state: {}, metadata: {}, version: 2 });
    expect(result.accepted).toEqual({
      state: null,
      metadata: { timestamp: T0 + 7 },
      version: 2,
      timestamp: T0 + 7,
    });
    expect(result.delta).toBeUndefined();
  });

  it('replaces arrays whole, metadata per element', () => {
    // "Device Shadow service documents" → "Array values in shadow documents".
    const stored = run({ state: { desired: { colors: ['RED', 'GREEN', 'BLUE'] } } });
    const result = ok(
      applyUpdate(stored, { state: { desired: { colors: ['RED'] } } }, { now: at(T0 + 3) }),
    );
    expect(result.next.state).toEqual({ desired: { colors: ['RED'] } });
    expect(result.next.metadata).toEqual({ desired: { colors: [ts(T0 + 3)] } });
  });

  it('stamps objects inside arrays key by key', () => {
    const next = run({ state: { reported: { path: [{ x: 1, y: 2 }, [3]] } } });
    expect(next?.metadata).toEqual({
      reported: { path: [{ x: ts(T0 + 1), y: ts(T0 + 1) }, [ts(T0 + 1)]] },
    });
  });

  it('switches between scalars, arrays and objects', () => {
    const next = run(
      { state: { reported: { a: 1, b: { c: 1 }, d: [1, 2] } } },
      { state: { reported: { a: { nested: true }, b: 'flat', d: { k: 'v' } } } },
    );
    expect(next?.state).toEqual({ reported: { a: { nested: true }, b: 'flat', d: { k: 'v' } } });
    expect(next?.metadata).toEqual({
      reported: { a: { nested: ts(T0 + 2) }, b: ts(T0 + 2), d: { k: ts(T0 + 2) } },
    });
  });

  it('accepts an empty state and still increments the version', () => {
    const stored = run({ state: { desired: { a: 1 } } });
    const result = ok(applyUpdate(stored, { state: {} }, { now: at(T0 + 2) }));
    expect(result.next).toEqual({ ...stored, version: 2 });
    expect(result.accepted).toEqual({ state: {}, metadata: {}, version: 2, timestamp: T0 + 2 });
  });

  it('stores unicode keys and values', () => {
    const next = run({ state: { reported: { 位置: { 名前: '倉庫A', '🚩': true } } } });
    expect(next?.state).toEqual({ reported: { 位置: { 名前: '倉庫A', '🚩': true } } });
  });

  it('does not modify the stored shadow or the request', () => {
    const stored = run({ state: { desired: { a: { b: 1 } }, reported: { a: { b: 0 } } } });
    const request: ShadowUpdateRequest = { state: { desired: { a: { b: null, c: 2 } } } };
    const before = structuredClone({ stored, request });
    ok(applyUpdate(stored, request, { now: at(T0 + 100) }));
    expect({ stored, request }).toEqual(before);
  });
});

describe('applyUpdate: versions', () => {
  it('increments by exactly one per accepted update', () => {
    const versions: number[] = [];
    let shadow: StoredShadow | undefined;
    for (let i = 0; i < 5; i++) {
      const result = ok(applyUpdate(shadow, { state: { reported: { i } } }, { now: at(T0 + i) }));
      versions.push(result.accepted.version);
      shadow = result.next;
    }
    expect(versions).toEqual([1, 2, 3, 4, 5]);
  });

  it('accepts the stored version and refuses another with 409, changing nothing', () => {
    const stored = run({ state: { desired: { a: 1 } } }, { state: { desired: { a: 2 } } });
    expect(
      ok(applyUpdate(stored, { state: { desired: { a: 3 } }, version: 2 }, { now: at(T0 + 5) }))
        .accepted.version,
    ).toBe(3);
    for (const version of [0, 1, 3, 100]) {
      expect(
        applyUpdate(
          stored,
          { state: { desired: { a: 9 } }, version, clientToken: 'v' },
          {
            now: at(T0 + 5),
          },
        ),
      ).toEqual({ ok: false, error: { code: 409, message: 'Version conflict', clientToken: 'v' } });
    }
  });

  it('counts a shadow that does not exist as version 0', () => {
    expect(
      ok(applyUpdate(undefined, { state: {}, version: 0 }, { now: at(T0) })).next.version,
    ).toBe(1);
    expect(applyUpdate(undefined, { state: {}, version: 1 }, { now: at(T0) })).toEqual({
      ok: false,
      error: { code: 409, message: 'Version conflict' },
    });
  });
});

describe('applyUpdate: the 8 KiB limit on stored desired + reported', () => {
  const tooLarge = (seconds: number, clientToken?: string) => ({
    ok: false,
    error: {
      code: 413,
      message: 'The payload exceeds the maximum size allowed',
      timestamp: seconds,
      ...(clientToken === undefined ? {} : { clientToken }),
    },
  });
  /** A section whose compact JSON is exactly `bytes` bytes: {"f":"xxx…"}. */
  const section = (bytes: number, filler = 'x') => {
    const fillerBytes = new TextEncoder().encode(filler).byteLength;
    const count = (bytes - '{"f":""}'.length) / fillerBytes;
    if (!Number.isInteger(count)) {
      throw new Error('filler does not divide the size');
    }
    return { f: filler.repeat(count) };
  };

  it('accepts exactly 8192 bytes and refuses 8193', () => {
    expect(applyUpdate(undefined, { state: { desired: section(8192) } }, { now: at(T0) }).ok).toBe(
      true,
    );
    expect(applyUpdate(undefined, { state: { desired: section(8193) } }, { now: at(T0) })).toEqual(
      tooLarge(T0),
    );
  });

  it('adds desired and reported', () => {
    const request = { state: { desired: section(4096), reported: section(4096) } };
    expect(applyUpdate(undefined, request, { now: at(T0) }).ok).toBe(true);
    const over = { state: { desired: section(4096), reported: section(4097) } };
    expect(applyUpdate(undefined, over, { now: at(T0) })).toEqual(tooLarge(T0));
  });

  it('counts the merged document, however small the request', () => {
    const stored = ok(
      applyUpdate(undefined, { state: { reported: section(8180) } }, { now: at(T0) }),
    ).next;
    const small = { state: { reported: { n: 123456789 } }, clientToken: 'tiny' };
    expect(applyUpdate(stored, small, { now: at(T0 + 1) })).toEqual(tooLarge(T0 + 1, 'tiny'));
  });

  it('counts UTF-8 bytes of multi-byte text', () => {
    expect(
      applyUpdate(undefined, { state: { desired: section(8192, 'あ') } }, { now: at(T0) }).ok,
    ).toBe(true);
    expect(
      applyUpdate(undefined, { state: { desired: section(8192 + 2, 'é') } }, { now: at(T0) }),
    ).toEqual(tooLarge(T0));
  });

  it('does not count metadata', () => {
    // 800 keys: 7,201 bytes of state, more than 25,000 of metadata.
    const many: Record<string, number> = {};
    for (let i = 0; i < 800; i++) {
      many[`k${String(i).padStart(3, '0')}`] = i % 10;
    }
    const result = ok(applyUpdate(undefined, { state: { reported: many } }, { now: at(T0) }));
    expect(JSON.stringify(result.next.metadata).length).toBeGreaterThan(8192);
  });

  it('takes another limit', () => {
    expect(
      applyUpdate(
        undefined,
        { state: { desired: { a: 1 } } },
        { now: at(T0), maxDocumentBytes: 6 },
      ),
    ).toEqual(tooLarge(T0));
    expect(
      applyUpdate(undefined, { state: { desired: { a: 1 } } }, { now: at(T0), maxDocumentBytes: 7 })
        .ok,
    ).toBe(true);
  });
});

describe('applyUpdate: delta', () => {
  it('is published when a desired update differs from reported', () => {
    const stored = run({ state: { reported: { color: 'green', power: 'on' } } });
    const result = ok(
      applyUpdate(
        stored,
        { state: { desired: { color: 'red', power: 'on' } }, clientToken: 'd' },
        {
          now: at(T0 + 20),
        },
      ),
    );
    expect(result.delta).toEqual({
      state: { color: 'red' },
      metadata: { color: ts(T0 + 20) },
      version: 2,
      timestamp: T0 + 20,
      clientToken: 'd',
    });
  });

  it('is not published when desired and reported agree', () => {
    const stored = run({ state: { desired: { color: 'red' }, reported: { color: 'green' } } });
    expect(
      ok(applyUpdate(stored, { state: { reported: { color: 'red' } } }, { now: at(T0 + 2) })).delta,
    ).toBeUndefined();
    expect(
      ok(applyUpdate(undefined, { state: { reported: { only: 'reported' } } }, { now: at(T0) }))
        .delta,
    ).toBeUndefined();
  });

  it('is published after a reported update that leaves desired unmet, with every differing key', () => {
    // aws-iot-device-sdk-cpp-v2 shadow-sandbox: reporting Status "Awful" against a desired "Great"
    // publishes a delta. Keys this update did not touch are listed too ("Device Shadow MQTT
    // topics" → /update/delta).
    const stored = run({ state: { desired: { a: 1, b: 2, same: 'x' }, reported: { same: 'x' } } });
    const result = ok(applyUpdate(stored, { state: { reported: { a: 0 } } }, { now: at(T0 + 30) }));
    expect(result.delta?.state).toEqual({ a: 1, b: 2 });
    expect(result.delta?.metadata).toEqual({ a: ts(T0 + 1), b: ts(T0 + 1) });
  });

  it('includes a key deleted from reported that desired still holds', () => {
    const stored = run({ state: { desired: { a: 1 }, reported: { a: 1 } } });
    const result = ok(
      applyUpdate(stored, { state: { reported: { a: null } } }, { now: at(T0 + 3) }),
    );
    expect(result.delta?.state).toEqual({ a: 1 });
  });

  it('nests differences and compares arrays whole', () => {
    const stored = run({
      state: { reported: { lights: { color: { r: 255, g: 0, b: 255 } }, seq: [1, 2] } },
    });
    const result = ok(
      applyUpdate(
        stored,
        { state: { desired: { lights: { color: { r: 255, g: 255, b: 255 } }, seq: [1, 2, 3] } } },
        { now: at(T0 + 5) },
      ),
    );
    expect(result.delta?.state).toEqual({ lights: { color: { g: 255 } }, seq: [1, 2, 3] });
    expect(result.delta?.metadata).toEqual({
      lights: { color: { g: ts(T0 + 5) } },
      seq: [ts(T0 + 5), ts(T0 + 5), ts(T0 + 5)],
    });
  });
});

describe('applyUpdate: documents', () => {
  it('holds the whole document before and after the update', () => {
    const stored = run({ state: { desired: { a: 1 }, reported: { a: 0 } } });
    const result = ok(
      applyUpdate(
        stored,
        { state: { reported: { a: 1 } }, clientToken: 'doc' },
        {
          now: at(T0 + 8),
        },
      ),
    );
    expect(result.documents).toEqual({
      previous: {
        state: { desired: { a: 1 }, reported: { a: 0 } },
        metadata: { desired: { a: ts(T0 + 1) }, reported: { a: ts(T0 + 1) } },
        version: 1,
      },
      current: {
        state: { desired: { a: 1 }, reported: { a: 1 } },
        metadata: { desired: { a: ts(T0 + 1) }, reported: { a: ts(T0 + 8) } },
        version: 2,
      },
      timestamp: T0 + 8,
      clientToken: 'doc',
    });
  });
});

describe('applyUpdate: deleted shadows', () => {
  const tombstone = (version: number, deletedAt: number): StoredShadow => ({
    state: {},
    metadata: {},
    version,
    deletedAt,
  });

  it('continues the version within 48 hours, without previous in documents', () => {
    const result = ok(
      applyUpdate(
        tombstone(9, T0),
        { state: { desired: { a: 1 } } },
        {
          now: at(T0 + 48 * 3600),
        },
      ),
    );
    expect(result.next).toEqual({
      state: { desired: { a: 1 } },
      metadata: { desired: { a: ts(T0 + 48 * 3600) } },
      version: 10,
    });
    expect(result.documents).not.toHaveProperty('previous');
    expect(result.next).not.toHaveProperty('deletedAt');
  });

  it('checks a given version against the deleted one', () => {
    expect(applyUpdate(tombstone(9, T0), { state: {}, version: 9 }, { now: at(T0 + 60) }).ok).toBe(
      true,
    );
    expect(applyUpdate(tombstone(9, T0), { state: {}, version: 0 }, { now: at(T0 + 60) })).toEqual({
      ok: false,
      error: { code: 409, message: 'Version conflict' },
    });
  });

  it('starts again from version 1 more than 48 hours after the delete', () => {
    expect(
      ok(applyUpdate(tombstone(9, T0), { state: {} }, { now: at(T0 + 48 * 3600 + 1) })).next
        .version,
    ).toBe(1);
  });
});

describe('applyUpdate: validation', () => {
  it.each([
    [{ state: { delta: { a: 1 } } }, 'State contains an invalid node'],
    [{ state: { desired: { a: [null] } } }, 'Invalid JSON'],
    [{ state: { desired: 'x' } }, 'Desired node must be an object'],
    [{ state: { desired: {} }, version: -1 }, 'Invalid version'],
  ])('checks the request like parseUpdateRequest: %j', (request, message) => {
    expect(
      applyUpdate(undefined, request as unknown as ShadowUpdateRequest, { now: at(T0) }),
    ).toEqual({ ok: false, error: { code: 400, message } });
  });
});
