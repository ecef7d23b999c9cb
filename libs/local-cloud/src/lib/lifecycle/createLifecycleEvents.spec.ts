import {
  LifecycleEventSchema,
  PresenceConnectFailedEventSchema,
  PresenceConnectedEventSchema,
  PresenceDisconnectedEventSchema,
  SubscriptionEventSchema,
} from '@iot-gateway-net/topics';
import { createLifecycleEvents } from './createLifecycleEvents.js';

const SESSION = '3d1e8bb8-5c2f-4e4b-9a7e-3e0c8f0a1b2c';

function setup() {
  const published: { topic: string; event: unknown }[] = [];
  const events = createLifecycleEvents({
    now: () => 1_756_000_000_000,
    publish: (topic, payload) => published.push({ topic, event: JSON.parse(payload) as unknown }),
  });
  return { events, published };
}

describe('createLifecycleEvents', () => {
  it('numbers connections per client id from 0', () => {
    const { events } = setup();
    expect(events.nextVersion('AMR-001')).toBe(0);
    expect(events.nextVersion('AMR-001')).toBe(1);
    expect(events.nextVersion('AMR-002')).toBe(0);
  });

  it('publishes AWS-shaped presence and subscription events', () => {
    const { events, published } = setup();
    const session = {
      clientId: 'AMR-001',
      sessionIdentifier: SESSION,
      principalIdentifier: 'f'.repeat(64),
      ipAddress: '127.0.0.1',
      versionNumber: 3,
    };
    events.connected(session);
    events.subscribed(session, ['amr/AMR-001/cmd/+']);
    events.unsubscribed(session, ['amr/AMR-001/cmd/+']);
    events.disconnected(session, 'DUPLICATE_CLIENTID');
    events.disconnected(session, 'CLIENT_INITIATED_DISCONNECT');
    events.connectFailed({
      clientId: 'AMR-001',
      sessionIdentifier: SESSION,
      principalIdentifier: 'p',
    });

    expect(published.map((p) => p.topic)).toEqual([
      '$aws/events/presence/connected/AMR-001',
      '$aws/events/subscriptions/subscribed/AMR-001',
      '$aws/events/subscriptions/unsubscribed/AMR-001',
      '$aws/events/presence/disconnected/AMR-001',
      '$aws/events/presence/disconnected/AMR-001',
      '$aws/events/presence/connect_failed/AMR-001',
    ]);
    for (const { event } of published) {
      expect(LifecycleEventSchema.safeParse(event).success).toBe(true);
    }
    expect(PresenceConnectedEventSchema.parse(published[0]?.event)).toEqual({
      clientId: 'AMR-001',
      timestamp: 1_756_000_000_000,
      eventType: 'connected',
      sessionIdentifier: SESSION,
      principalIdentifier: 'f'.repeat(64),
      ipAddress: '127.0.0.1',
      versionNumber: 3,
    });
    expect(SubscriptionEventSchema.parse(published[1]?.event).topics).toEqual([
      'amr/AMR-001/cmd/+',
    ]);
    expect(PresenceDisconnectedEventSchema.parse(published[3]?.event)).toMatchObject({
      clientInitiatedDisconnect: false,
      disconnectReason: 'DUPLICATE_CLIENTID',
      versionNumber: 3,
    });
    expect(
      PresenceDisconnectedEventSchema.parse(published[4]?.event).clientInitiatedDisconnect,
    ).toBe(true);
    expect(PresenceConnectFailedEventSchema.parse(published[5]?.event)).toMatchObject({
      connectFailureReason: 'AUTHORIZATION_FAILED',
    });
  });

  it('sends nothing for client ids holding # or + (as AWS)', () => {
    const { events, published } = setup();
    const session = {
      clientId: 'a#b',
      sessionIdentifier: SESSION,
      principalIdentifier: 'p',
      versionNumber: 0,
    };
    events.connected(session);
    events.disconnected(session, 'CONNECTION_LOST');
    expect(published).toEqual([]);
  });
});
