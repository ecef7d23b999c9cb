import { isCommandName } from '../names/isCommandName.js';
import { isThingName } from '../names/isThingName.js';
import type { AmrTopic } from './types.js';

/**
 * Reads an application topic (`amr/<thing>/...`, design 3.4) back into its parts. Never throws.
 *
 * @returns the parsed topic, or `undefined` for any other topic, including `amr/` topics whose
 *   thing or command name is invalid or whose shape is unknown.
 */
export function parseAmrTopic(topic: string): AmrTopic | undefined {
  const [root, thingName, ...rest] = topic.split('/');
  if (root !== 'amr' || thingName === undefined || !isThingName(thingName)) {
    return undefined;
  }
  const tail = rest.join('/');
  switch (tail) {
    case 'status':
      return { kind: 'status', thingName };
    case 'heartbeat':
      return { kind: 'heartbeat', thingName };
    case 'cert/commit':
      return { kind: 'rotationCommit', thingName };
    case 'cert/commit/accepted':
      return { kind: 'rotationCommitAccepted', thingName };
    case 'cert/commit/rejected':
      return { kind: 'rotationCommitRejected', thingName };
    default:
      break;
  }
  const [cmd, command, ack, ...extra] = rest;
  if (cmd !== 'cmd' || command === undefined || !isCommandName(command) || extra.length > 0) {
    return undefined;
  }
  if (ack === undefined) {
    return { kind: 'command', thingName, command };
  }
  return ack === 'ack' ? { kind: 'commandAck', thingName, command } : undefined;
}
