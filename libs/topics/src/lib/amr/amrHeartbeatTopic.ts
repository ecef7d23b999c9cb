import { amrTopicPrefix } from './amrTopicPrefix.js';

/**
 * Topic of a robot's heartbeat: `amr/<thingName>/heartbeat`, every 10 s, retained, QoS 1 (design
 * 2.2). Payload: `Heartbeat`.
 *
 * @throws {TopicError} `INVALID_THING_NAME` when `thingName` is not `[a-zA-Z0-9:_-]{1,128}`.
 */
export function amrHeartbeatTopic(thingName: string): string {
  return `${amrTopicPrefix(thingName)}/heartbeat`;
}
