import { amrTopicPrefix } from './amrTopicPrefix.js';

/**
 * Topic of a robot's status: `amr/<thingName>/status`, published retained at QoS 1 (design 3.4)
 * and used as the robot's Last Will topic. Payload: `AmrStatus`.
 *
 * @throws {TopicError} `INVALID_THING_NAME` when `thingName` is not `[a-zA-Z0-9:_-]{1,128}`.
 */
export function amrStatusTopic(thingName: string): string {
  return `${amrTopicPrefix(thingName)}/status`;
}
