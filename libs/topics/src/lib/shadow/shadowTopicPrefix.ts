import { assertShadowName } from '../names/assertShadowName.js';
import { assertThingName } from '../names/assertThingName.js';

/**
 * Root of a shadow's topics: `$aws/things/<thingName>/shadow` for the classic shadow, or
 * `$aws/things/<thingName>/shadow/name/<shadowName>` for a named one (AWS IoT Developer Guide,
 * "Device Shadow MQTT topics").
 *
 * @throws {TopicError} `INVALID_THING_NAME` or `INVALID_SHADOW_NAME`.
 */
export function shadowTopicPrefix(thingName: string, shadowName?: string): string {
  assertThingName(thingName);
  if (shadowName === undefined) {
    return `$aws/things/${thingName}/shadow`;
  }
  assertShadowName(shadowName);
  return `$aws/things/${thingName}/shadow/name/${shadowName}`;
}
