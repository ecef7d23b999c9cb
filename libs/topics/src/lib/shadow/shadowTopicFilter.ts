import { shadowTopicPrefix } from './shadowTopicPrefix.js';

/**
 * Filter for every topic of one shadow: `<shadowTopicPrefix>/#`. For the classic shadow
 * (`$aws/things/<thing>/shadow/#`) this also matches the thing's named shadows, because their
 * topics live below `shadow/name/`.
 *
 * @throws {TopicError} `INVALID_THING_NAME` or `INVALID_SHADOW_NAME`.
 */
export function shadowTopicFilter(thingName: string, shadowName?: string): string {
  return `${shadowTopicPrefix(thingName, shadowName)}/#`;
}
