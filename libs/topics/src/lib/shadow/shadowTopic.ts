import { assertShadowOperation } from './assertShadowOperation.js';
import type { ShadowOperation } from './operations.js';
import { shadowTopicPrefix } from './shadowTopicPrefix.js';

/**
 * A Device Shadow topic: `$aws/things/<thingName>/shadow[/name/<shadowName>]/<operation>`, e.g.
 * `shadowTopic('AMR-001', 'update/delta', 'robot')` →
 * `$aws/things/AMR-001/shadow/name/robot/update/delta`. Omit `shadowName` for the classic shadow.
 *
 * @throws {TopicError} `INVALID_THING_NAME`, `INVALID_SHADOW_NAME`, or `INVALID_TOPIC` when
 *   `operation` is not a {@link ShadowOperation}.
 */
export function shadowTopic(
  thingName: string,
  operation: ShadowOperation,
  shadowName?: string,
): string {
  const prefix = shadowTopicPrefix(thingName, shadowName);
  assertShadowOperation(operation);
  return `${prefix}/${operation}`;
}
