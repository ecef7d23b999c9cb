import {
  CaCertificateRegisteredEventSchema,
  DISCONNECT_REASONS,
  DisconnectReasonSchema,
  LifecycleEventSchema,
  PresenceConnectFailedEventSchema,
  PresenceConnectedEventSchema,
  PresenceDisconnectedEventSchema,
  SubscriptionEventSchema,
} from './schemas.js';

// Examples are the ones on the AWS IoT Developer Guide page "Lifecycle events".

const connected = {
  clientId: '186b5',
  thingName: 'exampleThing',
  timestamp: 1573002230757,
  eventType: 'connected',
  sessionIdentifier: '00000000-0000-0000-0000-000000000000',
  principalIdentifier: '12345678901234567890123456789012',
  ipAddress: '192.0.2.0',
  versionNumber: 0,
};

const disconnected = {
  clientId: '186b5',
  thingName: 'exampleThing',
  timestamp: 1573002340451,
  eventType: 'disconnected',
  sessionIdentifier: '00000000-0000-0000-0000-000000000000',
  principalIdentifier: '12345678901234567890123456789012',
  clientInitiatedDisconnect: true,
  disconnectReason: 'CLIENT_INITIATED_DISCONNECT',
  versionNumber: 0,
};

const connectFailed = {
  clientId: '186b5',
  thingName: 'exampleThing',
  timestamp: 1460065214626,
  eventType: 'connect_failed',
  connectFailureReason: 'AUTHORIZATION_FAILED',
  principalIdentifier: '12345678901234567890123456789012',
  sessionIdentifier: '00000000-0000-0000-0000-000000000000',
  ipAddress: '192.0.2.0',
};

const subscribed = {
  clientId: '186b5',
  thingName: 'exampleThing',
  timestamp: 1460065214626,
  eventType: 'subscribed',
  sessionIdentifier: '00000000-0000-0000-0000-000000000000',
  principalIdentifier: '12345678901234567890123456789012',
  topics: ['foo/bar', 'device/data', 'dog/cat'],
};

describe('presence event payloads', () => {
  it('accept the documented examples', () => {
    expect(PresenceConnectedEventSchema.parse(connected)).toEqual(connected);
    expect(PresenceDisconnectedEventSchema.parse(disconnected)).toEqual(disconnected);
    expect(PresenceConnectFailedEventSchema.parse(connectFailed)).toEqual(connectFailed);
  });

  it('accept events without thingName (no exclusive thing feature)', () => {
    const { thingName: _thingName, ...withoutThing } = connected;
    expect(PresenceConnectedEventSchema.safeParse(withoutThing).success).toBe(true);
  });

  it('accept every documented disconnect reason and refuse others', () => {
    expect(DISCONNECT_REASONS).toHaveLength(13);
    for (const reason of DISCONNECT_REASONS) {
      expect(
        PresenceDisconnectedEventSchema.safeParse({
          ...disconnected,
          clientInitiatedDisconnect: false,
          disconnectReason: reason,
        }).success,
      ).toBe(true);
    }
    expect(DisconnectReasonSchema.safeParse('DUPLICATE_CLIENTID').success).toBe(true);
    expect(DisconnectReasonSchema.safeParse('GONE').success).toBe(false);
    expect(DisconnectReasonSchema.safeParse('duplicate_clientid').success).toBe(false);
  });

  it.each([
    [{ ...connected, eventType: 'disconnected' }],
    [{ ...connected, timestamp: '1573002230757' }],
    [{ ...connected, versionNumber: -1 }],
    [{ ...connected, ipAddress: undefined }],
    [{ ...connected, clientId: 5 }],
  ])('connected refuses %j', (payload) => {
    expect(PresenceConnectedEventSchema.safeParse(payload).success).toBe(false);
  });

  it.each([
    [{ ...disconnected, clientInitiatedDisconnect: 'true' }],
    [{ ...disconnected, disconnectReason: undefined }],
    [{ ...disconnected, eventType: 'connected' }],
  ])('disconnected refuses %j', (payload) => {
    expect(PresenceDisconnectedEventSchema.safeParse(payload).success).toBe(false);
  });

  it('connect_failed refuses an undocumented reason', () => {
    expect(
      PresenceConnectFailedEventSchema.safeParse({ ...connectFailed, connectFailureReason: 'X' })
        .success,
    ).toBe(false);
  });
});

describe('SubscriptionEventSchema', () => {
  it('accepts the documented subscribed and unsubscribed examples', () => {
    expect(SubscriptionEventSchema.parse(subscribed)).toEqual(subscribed);
    expect(
      SubscriptionEventSchema.safeParse({ ...subscribed, eventType: 'unsubscribed' }).success,
    ).toBe(true);
  });

  it.each([
    [{ ...subscribed, topics: 'foo/bar' }],
    [{ ...subscribed, topics: [1] }],
    [{ ...subscribed, eventType: 'connected' }],
  ])('refuses %j', (payload) => {
    expect(SubscriptionEventSchema.safeParse(payload).success).toBe(false);
  });
});

describe('LifecycleEventSchema', () => {
  it('tells the events apart by eventType', () => {
    expect(LifecycleEventSchema.parse(connected).eventType).toBe('connected');
    expect(LifecycleEventSchema.parse(disconnected).eventType).toBe('disconnected');
    expect(LifecycleEventSchema.parse(connectFailed).eventType).toBe('connect_failed');
    expect(LifecycleEventSchema.parse(subscribed).eventType).toBe('subscribed');
    expect(LifecycleEventSchema.safeParse({ ...connected, eventType: 'x' }).success).toBe(false);
  });
});

describe('CaCertificateRegisteredEventSchema', () => {
  const event = {
    certificateId: '8f17408ba4f89fd08010d96e09b5e5f033ab0372d3470821d89c98c5e336834c',
    caCertificateId: 'dbe57b77e32c89ec2e5fec27cd444c1856da1d39fa664400844e5c4459b30ca6',
    timestamp: 1695074220131,
    certificateStatus: 'PENDING_ACTIVATION',
    awsAccountId: '123456789012',
    certificateRegistrationTimestamp: '1695074220131',
  };

  it('accepts the documented event, also with a null or missing registration timestamp', () => {
    expect(CaCertificateRegisteredEventSchema.parse(event)).toEqual(event);
    expect(
      CaCertificateRegisteredEventSchema.safeParse({
        ...event,
        certificateRegistrationTimestamp: null,
      }).success,
    ).toBe(true);
    const { certificateRegistrationTimestamp: _ts, ...withoutTs } = event;
    expect(CaCertificateRegisteredEventSchema.safeParse(withoutTs).success).toBe(true);
  });

  it.each([
    [{ ...event, certificateStatus: 'ACTIVE' }],
    [{ ...event, awsAccountId: '1234' }],
    [{ ...event, caCertificateId: 'ABC' }],
    [{ ...event, timestamp: '1695074220131' }],
  ])('refuses %j', (payload) => {
    expect(CaCertificateRegisteredEventSchema.safeParse(payload).success).toBe(false);
  });
});
