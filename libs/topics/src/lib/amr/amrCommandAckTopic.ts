import { amrCommandTopic } from './amrCommandTopic.js';

/**
 * Topic a robot answers a command on: `amr/<thingName>/cmd/<command>/ack`. Payload:
 * `AmrCommandAck`.
 *
 * @throws {TopicError} `INVALID_THING_NAME` or `INVALID_COMMAND`.
 */
export function amrCommandAckTopic(thingName: string, command: string): string {
  return `${amrCommandTopic(thingName, command)}/ack`;
}
