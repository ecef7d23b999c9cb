import { assertCommandName } from '../names/assertCommandName.js';
import { amrTopicPrefix } from './amrTopicPrefix.js';

/**
 * Topic an operator publishes a command on: `amr/<thingName>/cmd/<command>` (design 3.4, e.g.
 * `amr/AMR-001/cmd/call`). Payload: `AmrCommand`.
 *
 * @throws {TopicError} `INVALID_THING_NAME` or `INVALID_COMMAND` (`[a-z][a-z0-9-]{0,31}`).
 */
export function amrCommandTopic(thingName: string, command: string): string {
  const prefix = amrTopicPrefix(thingName);
  assertCommandName(command);
  return `${prefix}/cmd/${command}`;
}
