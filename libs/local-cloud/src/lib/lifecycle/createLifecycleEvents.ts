import {
  isClientId,
  presenceTopic,
  subscriptionEventTopic,
  type DisconnectReason,
  type PresenceConnectFailedEvent,
  type PresenceConnectedEvent,
  type PresenceDisconnectedEvent,
  type SubscriptionEvent,
} from '@iot-gateway-net/topics';

/** One connection as its lifecycle events describe it. */
export interface LifecycleSession {
  readonly clientId: string;
  /** A UUID per connection. */
  readonly sessionIdentifier: string;
  /** Certificate id, or the SigV4 identity (Cognito identity id or access key id). */
  readonly principalIdentifier: string;
  readonly ipAddress?: string;
  /** From {@link LifecycleEvents.nextVersion} at CONNECT; the disconnected event repeats it. */
  readonly versionNumber: number;
}

/** Publishes AWS IoT lifecycle events. */
export interface LifecycleEvents {
  /** The version number of a new connection of `clientId`: 0, then one more per connection. */
  nextVersion(clientId: string): number;
  connected(session: LifecycleSession): void;
  disconnected(session: LifecycleSession, reason: DisconnectReason): void;
  connectFailed(attempt: Omit<LifecycleSession, 'versionNumber'>): void;
  subscribed(session: LifecycleSession, topics: readonly string[]): void;
  unsubscribed(session: LifecycleSession, topics: readonly string[]): void;
}

/** Options of {@link createLifecycleEvents}. */
export interface LifecycleEventsOptions {
  /** Publishes one event (a JSON text) as the service; errors are the caller's to log. */
  readonly publish: (topic: string, payload: string) => void;
  /** Epoch ms (the injected clock). */
  readonly now: () => number;
}

/**
 * Builds and publishes the lifecycle events of AWS IoT (AWS IoT Developer Guide, "Lifecycle
 * events"): `$aws/events/presence/connected|disconnected|connect_failed/<clientId>` and
 * `$aws/events/subscriptions/subscribed|unsubscribed/<clientId>`, with millisecond timestamps.
 * `clientInitiatedDisconnect` is true only for `CLIENT_INITIATED_DISCONNECT`. `thingName` is left
 * out: AWS includes it only for the exclusive thing feature, which the local cloud does not have.
 * Client ids holding `#` or `+` get no events, as on AWS. Never throws.
 */
export function createLifecycleEvents(options: LifecycleEventsOptions): LifecycleEvents {
  const { publish, now } = options;
  const versions = new Map<string, number>();
  const send = (topic: () => string, clientId: string, event: object): void => {
    if (isClientId(clientId)) {
      publish(topic(), JSON.stringify(event));
    }
  };
  return {
    nextVersion(clientId) {
      const version = (versions.get(clientId) ?? -1) + 1;
      versions.set(clientId, version);
      return version;
    },
    connected(session) {
      const event: PresenceConnectedEvent = {
        clientId: session.clientId,
        timestamp: now(),
        eventType: 'connected',
        sessionIdentifier: session.sessionIdentifier,
        principalIdentifier: session.principalIdentifier,
        ipAddress: session.ipAddress ?? '',
        versionNumber: session.versionNumber,
      };
      send(() => presenceTopic('connected', session.clientId), session.clientId, event);
    },
    disconnected(session, reason) {
      const event: PresenceDisconnectedEvent = {
        clientId: session.clientId,
        timestamp: now(),
        eventType: 'disconnected',
        sessionIdentifier: session.sessionIdentifier,
        principalIdentifier: session.principalIdentifier,
        clientInitiatedDisconnect: reason === 'CLIENT_INITIATED_DISCONNECT',
        disconnectReason: reason,
        versionNumber: session.versionNumber,
      };
      send(() => presenceTopic('disconnected', session.clientId), session.clientId, event);
    },
    connectFailed(attempt) {
      const event: PresenceConnectFailedEvent = {
        clientId: attempt.clientId,
        timestamp: now(),
        eventType: 'connect_failed',
        connectFailureReason: 'AUTHORIZATION_FAILED',
        principalIdentifier: attempt.principalIdentifier,
        sessionIdentifier: attempt.sessionIdentifier,
        ...(attempt.ipAddress === undefined ? {} : { ipAddress: attempt.ipAddress }),
      };
      send(() => presenceTopic('connect_failed', attempt.clientId), attempt.clientId, event);
    },
    subscribed(session, topics) {
      const event: SubscriptionEvent = {
        clientId: session.clientId,
        timestamp: now(),
        eventType: 'subscribed',
        sessionIdentifier: session.sessionIdentifier,
        principalIdentifier: session.principalIdentifier,
        topics: [...topics],
      };
      send(() => subscriptionEventTopic('subscribed', session.clientId), session.clientId, event);
    },
    unsubscribed(session, topics) {
      const event: SubscriptionEvent = {
        clientId: session.clientId,
        timestamp: now(),
        eventType: 'unsubscribed',
        sessionIdentifier: session.sessionIdentifier,
        principalIdentifier: session.principalIdentifier,
        topics: [...topics],
      };
      send(() => subscriptionEventTopic('unsubscribed', session.clientId), session.clientId, event);
    },
  };
}
