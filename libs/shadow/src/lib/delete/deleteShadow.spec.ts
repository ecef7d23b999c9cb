import type { StoredShadow } from '../document/schemas.js';
import { getShadow } from '../get/getShadow.js';
import { applyUpdate } from '../update/applyUpdate.js';
import { deleteShadow } from './deleteShadow.js';

const T0 = 1_591_057_000;
const at = (seconds: number) => seconds * 1000;

const stored: StoredShadow = {
  state: { desired: { a: 1 }, reported: { a: 0 } },
  metadata: { desired: { a: { timestamp: T0 } }, reported: { a: { timestamp: T0 } } },
  version: 4,
};

describe('deleteShadow', () => {
  it('answers { version, timestamp } with the deleted version and stores a tombstone', () => {
    // "Interacting with shadows" → "Deleting a shadow": {"version": 4, "timestamp": 1591057529}
    const result = deleteShadow(stored, { now: at(1591057529), thingName: 'T' });
    expect(result).toEqual({
      ok: true,
      accepted: { version: 4, timestamp: 1591057529 },
      next: { state: {}, metadata: {}, version: 4, deletedAt: 1591057529 },
    });
  });

  it('echoes the clientToken', () => {
    const result = deleteShadow(stored, { now: at(T0), thingName: 'T', clientToken: 'del' });
    expect(result.ok && result.accepted).toEqual({ version: 4, timestamp: T0, clientToken: 'del' });
  });

  it('answers 404 for a shadow that does not exist or is already deleted', () => {
    expect(deleteShadow(undefined, { now: at(T0), thingName: 'AMR-001' })).toEqual({
      ok: false,
      error: { code: 404, message: "No shadow exists with name: 'AMR-001'" },
    });
    const deleted = deleteShadow(stored, {
      now: at(T0),
      thingName: 'AMR-001',
      shadowName: 'robot',
    });
    expect(
      deleteShadow(deleted.ok ? deleted.next : undefined, {
        now: at(T0 + 1),
        thingName: 'AMR-001',
        shadowName: 'robot',
        clientToken: 'again',
      }),
    ).toEqual({
      ok: false,
      error: { code: 404, message: "No shadow exists with name: 'robot'", clientToken: 'again' },
    });
  });

  it('checks an expected version when one is given', () => {
    expect(deleteShadow(stored, { now: at(T0), thingName: 'T', version: 4 }).ok).toBe(true);
    expect(deleteShadow(stored, { now: at(T0), thingName: 'T', version: 3 })).toEqual({
      ok: false,
      error: { code: 409, message: 'Version conflict' },
    });
  });

  it('makes the shadow unreadable, and the next update continues the version', () => {
    // "Device Shadow MQTT topics" → /delete: deleting a shadow does not reset its version to 0.
    const deleted = deleteShadow(stored, { now: at(T0), thingName: 'T' });
    if (!deleted.ok) {
      throw new Error('delete failed');
    }
    expect(getShadow(deleted.next, { now: at(T0 + 1), thingName: 'T' })).toEqual({
      ok: false,
      error: { code: 404, message: "No shadow exists with name: 'T'" },
    });
    const updated = applyUpdate(
      deleted.next,
      { state: { reported: { back: true } } },
      {
        now: at(T0 + 2),
      },
    );
    expect(updated.ok && updated.accepted.version).toBe(5);
    expect(updated.ok && updated.next).toEqual({
      state: { reported: { back: true } },
      metadata: { reported: { back: { timestamp: T0 + 2 } } },
      version: 5,
    });
  });

  it('does not modify the stored shadow', () => {
    const before = structuredClone(stored);
    deleteShadow(stored, { now: at(T0), thingName: 'T' });
    expect(stored).toEqual(before);
  });
});
