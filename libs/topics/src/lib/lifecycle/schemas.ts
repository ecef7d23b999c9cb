import { z } from 'zod';
import { EpochMillisSchema } from '../json/schemas.js';
import { CertificateIdSchema } from '../names/schemas.js';

// Lifecycle event payloads (AWS IoT Developer Guide, "Lifecycle events"). Their timestamps are
// epoch MILLISECONDS, accurate to about ±2 minutes; events may be late, duplicated or out of
// order.

/**
 * Every documented `disconnectReason`. The broker sends the client's Last Will for all of them
 * except `CLIENT_INITIATED_DISCONNECT` (and `API_INITIATED_DISCONNECT` with `preventWillMessage`).
 */
export const DISCONNECT_REASONS = [
  'AUTH_ERROR',
  'CLIENT_INITIATED_DISCONNECT',
  'CLIENT_ERROR',
  'CONNECTION_LOST',
  'DUPLICATE_CLIENTID',
  'FORBIDDEN_ACCESS',
  'MQTT_KEEP_ALIVE_TIMEOUT',
  'SERVER_ERROR',
  'SERVER_INITIATED_DISCONNECT',
  'API_INITIATED_DISCONNECT',
  'THROTTLED',
  'WEBSOCKET_TTL_EXPIRATION',
  'CUSTOMAUTH_TTL_EXPIRATION',
] as const;

/** A documented `disconnectReason`. */
export const DisconnectReasonSchema = z.enum(DISCONNECT_REASONS);

/** A documented `disconnectReason`. */
export type DisconnectReason = z.infer<typeof DisconnectReasonSchema>;

// Fields every presence and subscription event carries. `thingName` only appears when the client
// connects with the exclusive thing feature.
const lifecycleBase = {
  clientId: z.string(),
  thingName: z.string().optional(),
  timestamp: EpochMillisSchema,
  sessionIdentifier: z.string(),
  principalIdentifier: z.string(),
};

/** Payload of `$aws/events/presence/connected/<clientId>`. */
export const PresenceConnectedEventSchema = z.object({
  ...lifecycleBase,
  eventType: z.literal('connected'),
  ipAddress: z.string(),
  versionNumber: z.number().int().min(0),
});

/** Payload of `$aws/events/presence/connected/<clientId>`. */
export type PresenceConnectedEvent = z.infer<typeof PresenceConnectedEventSchema>;

/**
 * Payload of `$aws/events/presence/disconnected/<clientId>`; it carries the same `versionNumber`
 * as the matching connected event.
 */
export const PresenceDisconnectedEventSchema = z.object({
  ...lifecycleBase,
  eventType: z.literal('disconnected'),
  clientInitiatedDisconnect: z.boolean(),
  disconnectReason: DisconnectReasonSchema,
  versionNumber: z.number().int().min(0),
  ipAddress: z.string().optional(),
});

/** Payload of `$aws/events/presence/disconnected/<clientId>`. */
export type PresenceDisconnectedEvent = z.infer<typeof PresenceDisconnectedEventSchema>;

/**
 * Payload of `$aws/events/presence/connect_failed/<clientId>`, published when a client may not
 * connect or may not publish to its own Last Will topic.
 */
export const PresenceConnectFailedEventSchema = z.object({
  ...lifecycleBase,
  eventType: z.literal('connect_failed'),
  connectFailureReason: z.enum(['AUTHORIZATION_FAILED']),
  ipAddress: z.string().optional(),
});

/** Payload of `$aws/events/presence/connect_failed/<clientId>`. */
export type PresenceConnectFailedEvent = z.infer<typeof PresenceConnectFailedEventSchema>;

/** Payload of `$aws/events/subscriptions/{subscribed,unsubscribed}/<clientId>`. */
export const SubscriptionEventSchema = z.object({
  ...lifecycleBase,
  eventType: z.enum(['subscribed', 'unsubscribed']),
  topics: z.array(z.string()),
});

/** Payload of a subscription lifecycle event. */
export type SubscriptionEvent = z.infer<typeof SubscriptionEventSchema>;

/** Any lifecycle event payload, told apart by `eventType`. */
export const LifecycleEventSchema = z.discriminatedUnion('eventType', [
  PresenceConnectedEventSchema,
  PresenceDisconnectedEventSchema,
  PresenceConnectFailedEventSchema,
  SubscriptionEventSchema,
]);

/** Any lifecycle event payload. */
export type LifecycleEvent = z.infer<typeof LifecycleEventSchema>;

/**
 * Payload of `$aws/events/certificates/registered/<caCertificateId>` (just-in-time registration,
 * AWS IoT Developer Guide, "Just-in-time registration"): a device certificate signed by a CA with
 * auto-registration was registered as PENDING_ACTIVATION. AWS documents
 * `certificateRegistrationTimestamp` as a string; real events have also carried `null`.
 */
export const CaCertificateRegisteredEventSchema = z.object({
  certificateId: CertificateIdSchema,
  caCertificateId: CertificateIdSchema,
  timestamp: EpochMillisSchema,
  certificateStatus: z.literal('PENDING_ACTIVATION'),
  awsAccountId: z.string().regex(/^\d{12}$/, { error: 'Expected a 12-digit AWS account id' }),
  certificateRegistrationTimestamp: z.string().nullable().optional(),
});

/** Payload of a JITR certificate registration event. */
export type CaCertificateRegisteredEvent = z.infer<typeof CaCertificateRegisteredEventSchema>;
