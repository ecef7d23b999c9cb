import { caCertificateRegisteredTopic } from './caCertificateRegisteredTopic.js';
import { parseEventTopic } from './parseEventTopic.js';
import { presenceTopic } from './presenceTopic.js';
import { subscriptionEventTopic } from './subscriptionEventTopic.js';
import {
  PRESENCE_EVENT_TYPES,
  SUBSCRIPTION_EVENT_TYPES,
  type PresenceEventType,
  type SubscriptionEventType,
} from './types.js';

const CA_ID = '0123456789abcdef'.repeat(4);
const BROWSER = 'ap-northeast-1:0b7e6d4c-1f2a-4e3b-9c8d-7a6b5c4d3e2f-k3j2';

describe('lifecycle event topic builders', () => {
  it('build the documented topics', () => {
    expect(presenceTopic('connected', 'AMR-001')).toBe('$aws/events/presence/connected/AMR-001');
    expect(presenceTopic('disconnected', 'AMR-001')).toBe(
      '$aws/events/presence/disconnected/AMR-001',
    );
    expect(presenceTopic('connect_failed', 'AMR-001')).toBe(
      '$aws/events/presence/connect_failed/AMR-001',
    );
    expect(subscriptionEventTopic('subscribed', BROWSER)).toBe(
      `$aws/events/subscriptions/subscribed/${BROWSER}`,
    );
    expect(subscriptionEventTopic('unsubscribed', 'AMR-001')).toBe(
      '$aws/events/subscriptions/unsubscribed/AMR-001',
    );
    expect(caCertificateRegisteredTopic(CA_ID)).toBe(
      `$aws/events/certificates/registered/${CA_ID}`,
    );
  });

  it('refuse client ids AWS sends no lifecycle events for', () => {
    expect(() => presenceTopic('connected', 'a#b')).toThrow(
      expect.objectContaining({
        code: 'INVALID_CLIENT_ID',
        message: 'Unexpected client id "a#b", expected no "#" or "+"',
      }) as Error,
    );
    expect(() => subscriptionEventTopic('subscribed', '')).toThrow(
      expect.objectContaining({ code: 'INVALID_CLIENT_ID' }) as Error,
    );
  });

  it('refuse unknown events and bad CA ids', () => {
    expect(() => presenceTopic('gone' as PresenceEventType, 'AMR-001')).toThrow(
      expect.objectContaining({
        code: 'INVALID_TOPIC',
        message:
          'Unexpected presence event "gone", expected one of connected, disconnected, connect_failed',
      }) as Error,
    );
    expect(() => subscriptionEventTopic('connected' as SubscriptionEventType, 'AMR-001')).toThrow(
      expect.objectContaining({ code: 'INVALID_TOPIC' }) as Error,
    );
    expect(() => caCertificateRegisteredTopic('ABC')).toThrow(
      expect.objectContaining({
        code: 'INVALID_CERTIFICATE_ID',
        message: 'Unexpected certificate id "ABC", expected 64 lowercase hex characters',
      }) as Error,
    );
  });
});

describe('parseEventTopic', () => {
  it.each(PRESENCE_EVENT_TYPES)('round-trips presence %s', (event) => {
    expect(parseEventTopic(presenceTopic(event, BROWSER))).toEqual({
      kind: 'presence',
      event,
      clientId: BROWSER,
    });
  });

  it.each(SUBSCRIPTION_EVENT_TYPES)('round-trips subscription %s', (event) => {
    expect(parseEventTopic(subscriptionEventTopic(event, 'AMR-001'))).toEqual({
      kind: 'subscription',
      event,
      clientId: 'AMR-001',
    });
  });

  it('round-trips a JITR registration topic', () => {
    expect(parseEventTopic(caCertificateRegisteredTopic(CA_ID))).toEqual({
      kind: 'caCertificateRegistered',
      caCertificateId: CA_ID,
    });
  });

  it('keeps slashes and Japanese inside client ids', () => {
    expect(parseEventTopic(presenceTopic('connected', '工場/ロボ-1'))).toEqual({
      kind: 'presence',
      event: 'connected',
      clientId: '工場/ロボ-1',
    });
  });

  it.each([
    '$aws/events/presence/connected',
    '$aws/events/presence/connected/',
    '$aws/events/presence/reconnected/AMR-001',
    '$aws/events/subscriptions/connected/AMR-001',
    '$aws/events/subscriptions/subscribed',
    '$aws/events/certificates/registered/ABC',
    '$aws/events/certificates/revoked/' + CA_ID,
    '$aws/events/thing/AMR-001/created',
    '$aws/things/AMR-001/shadow/get',
    'aws/events/presence/connected/AMR-001',
    '',
  ])('returns undefined for %j', (topic) => {
    expect(parseEventTopic(topic)).toBeUndefined();
  });
});
