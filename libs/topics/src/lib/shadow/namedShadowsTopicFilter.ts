import { assertThingName } from '../names/assertThingName.js';
import { assertShadowOperation } from './assertShadowOperation.js';
import type { ShadowOperation } from './operations.js';

/**
 * Filter for one operation of every named shadow of a thing:
 * `$aws/things/<thingName>/shadow/name/+/<operation>` (e.g. all `update/documents`).
 *
 * @throws {TopicError} `INVALID_THING_NAME`, or `INVALID_TOPIC` for an unknown `operation`.
 */
export function namedShadowsTopicFilter(thingName: string, operation: ShadowOperation): string {
  assertThingName(thingName);
  assertShadowOperation(operation);
  return `$aws/things/${thingName}/shadow/name/+/${operation}`;
}
