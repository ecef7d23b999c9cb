import { assertThingName } from '../names/assertThingName.js';

/**
 * The root of one robot's application topics: `amr/<thingName>` (design 3.4).
 *
 * @throws {TopicError} `INVALID_THING_NAME` when `thingName` is not `[a-zA-Z0-9:_-]{1,128}`.
 */
export function amrTopicPrefix(thingName: string): string {
  assertThingName(thingName);
  return `amr/${thingName}`;
}
