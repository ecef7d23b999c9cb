import type { ShadowDocumentSnapshot } from '@iot-gateway-net/topics';
import type { StoredShadow } from '../document/schemas.js';

/** One side of an `update/documents` message: `state`, `metadata` and `version`, nothing else. */
export function snapshotOf(shadow: StoredShadow): ShadowDocumentSnapshot {
  return { state: shadow.state, metadata: shadow.metadata, version: shadow.version };
}
