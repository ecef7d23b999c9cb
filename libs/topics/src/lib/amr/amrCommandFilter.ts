import { amrTopicPrefix } from './amrTopicPrefix.js';

/**
 * Filter a robot subscribes to for all its commands: `amr/<thingName>/cmd/+`.
 *
 * @throws {TopicError} `INVALID_THING_NAME` when `thingName` is not `[a-zA-Z0-9:_-]{1,128}`.
 */
export function amrCommandFilter(thingName: string): string {
  return `${amrTopicPrefix(thingName)}/cmd/+`;
}
