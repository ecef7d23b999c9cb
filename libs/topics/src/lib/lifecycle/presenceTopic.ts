import { TopicError } from '../errors/TopicError.js';
import { describeReceived } from '../internal/describeReceived.js';
import { assertClientId } from '../names/assertClientId.js';
import { PRESENCE_EVENT_TYPES, type PresenceEventType } from './types.js';

/**
 * Lifecycle presence topic `$aws/events/presence/<event>/<clientId>` (AWS IoT Developer Guide,
 * "Lifecycle events").
 *
 * @throws {TopicError} `INVALID_CLIENT_ID`, or `INVALID_TOPIC` for an unknown `event`.
 */
export function presenceTopic(event: PresenceEventType, clientId: string): string {
  if (!(PRESENCE_EVENT_TYPES as readonly unknown[]).includes(event)) {
    throw new TopicError(
      'INVALID_TOPIC',
      `Unexpected presence event ${describeReceived(event)}, expected one of ${PRESENCE_EVENT_TYPES.join(', ')}`,
    );
  }
  assertClientId(clientId);
  return `$aws/events/presence/${event}/${clientId}`;
}
