import { TopicError } from '../errors/TopicError.js';
import { describeReceived } from '../internal/describeReceived.js';
import { assertClientId } from '../names/assertClientId.js';
import { SUBSCRIPTION_EVENT_TYPES, type SubscriptionEventType } from './types.js';

/**
 * Lifecycle subscription topic `$aws/events/subscriptions/<event>/<clientId>` (AWS IoT Developer
 * Guide, "Lifecycle events").
 *
 * @throws {TopicError} `INVALID_CLIENT_ID`, or `INVALID_TOPIC` for an unknown `event`.
 */
export function subscriptionEventTopic(event: SubscriptionEventType, clientId: string): string {
  if (!(SUBSCRIPTION_EVENT_TYPES as readonly unknown[]).includes(event)) {
    throw new TopicError(
      'INVALID_TOPIC',
      `Unexpected subscription event ${describeReceived(event)}, expected one of ${SUBSCRIPTION_EVENT_TYPES.join(', ')}`,
    );
  }
  assertClientId(clientId);
  return `$aws/events/subscriptions/${event}/${clientId}`;
}
