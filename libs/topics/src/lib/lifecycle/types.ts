/** Presence lifecycle events (AWS IoT Developer Guide, "Lifecycle events"). */
export const PRESENCE_EVENT_TYPES = ['connected', 'disconnected', 'connect_failed'] as const;

/** `connected`, `disconnected` or `connect_failed`. */
export type PresenceEventType = (typeof PRESENCE_EVENT_TYPES)[number];

/** Subscription lifecycle events (AWS IoT Developer Guide, "Lifecycle events"). */
export const SUBSCRIPTION_EVENT_TYPES = ['subscribed', 'unsubscribed'] as const;

/** `subscribed` or `unsubscribed`. */
export type SubscriptionEventType = (typeof SUBSCRIPTION_EVENT_TYPES)[number];

/** An AWS IoT event topic as {@link parseEventTopic} reads it. */
export type EventTopic =
  | { kind: 'presence'; event: PresenceEventType; clientId: string }
  | { kind: 'subscription'; event: SubscriptionEventType; clientId: string }
  | { kind: 'caCertificateRegistered'; caCertificateId: string };
