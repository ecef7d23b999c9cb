import { amrTopicPrefix } from './amrTopicPrefix.js';

/**
 * Filter for every application topic of one robot: `amr/<thingName>/#`.
 *
 * @throws {TopicError} `INVALID_THING_NAME` when `thingName` is not `[a-zA-Z0-9:_-]{1,128}`.
 */
export function amrTopicFilter(thingName: string): string {
  return `${amrTopicPrefix(thingName)}/#`;
}
