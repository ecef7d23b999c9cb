import { isCertificateId } from '../names/isCertificateId.js';
import { isClientId } from '../names/isClientId.js';
import { PRESENCE_EVENT_TYPES, SUBSCRIPTION_EVENT_TYPES, type EventTopic } from './types.js';

/**
 * Reads an AWS IoT event topic (presence, subscription or JITR certificate registration) back into
 * its parts. A client id may itself hold `/`, so everything after the event level is the id.
 * Never throws.
 *
 * @returns the parsed topic, or `undefined` for any other topic.
 */
export function parseEventTopic(topic: string): EventTopic | undefined {
  const [aws, events, area, event, ...rest] = topic.split('/');
  if (aws !== '$aws' || events !== 'events' || rest.length === 0) {
    return undefined;
  }
  const tail = rest.join('/');
  if (area === 'presence') {
    const known = PRESENCE_EVENT_TYPES.find((candidate) => candidate === event);
    return known !== undefined && isClientId(tail)
      ? { kind: 'presence', event: known, clientId: tail }
      : undefined;
  }
  if (area === 'subscriptions') {
    const known = SUBSCRIPTION_EVENT_TYPES.find((candidate) => candidate === event);
    return known !== undefined && isClientId(tail)
      ? { kind: 'subscription', event: known, clientId: tail }
      : undefined;
  }
  if (area === 'certificates' && event === 'registered' && isCertificateId(tail)) {
    return { kind: 'caCertificateRegistered', caCertificateId: tail };
  }
  return undefined;
}
