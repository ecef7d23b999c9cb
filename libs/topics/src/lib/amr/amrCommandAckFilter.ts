import { amrTopicPrefix } from './amrTopicPrefix.js';

/**
 * Filter an operator subscribes to for every command answer of one robot:
 * `amr/<thingName>/cmd/+/ack`.
 *
 * @throws {TopicError} `INVALID_THING_NAME` when `thingName` is not `[a-zA-Z0-9:_-]{1,128}`.
 */
export function amrCommandAckFilter(thingName: string): string {
  return `${amrTopicPrefix(thingName)}/cmd/+/ack`;
}
