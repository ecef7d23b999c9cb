import type { Server as HttpsServer } from 'node:https';
import type { Server as TlsServer } from 'node:tls';
import { AWS_IOT_LIMITS, type DisconnectReason } from '@iot-gateway-net/topics';
import { z } from 'zod';
import type { MessageBus } from '../context/MessageBus.js';
import type { Principal } from '../registry/types.js';

const KIB = 1024;
const DAY_MS = 86_400_000;
// Node timers overflow past 2^31 - 1 ms.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Options of `createBroker`. Defaults are AWS IoT Core's quotas (AWS General Reference, "AWS IoT
 * Core endpoints and quotas", message broker) so that the local broker refuses what AWS refuses.
 */
export const BrokerOptionsSchema = z.object({
  /** PEM of the TLS server certificate (issued by the local CA). */
  serverCertPem: z.string().min(1, { error: 'expected a PEM server certificate' }),
  /** PEM of its private key. */
  serverKeyPem: z.string().min(1, { error: 'expected a PEM private key' }),
  /** Publishes per second per connection; more closes it with `THROTTLED`. Defaults to `100`. */
  publishRateLimit: z
    .number()
    .int()
    .positive()
    .default(AWS_IOT_LIMITS.publishesPerSecondPerConnection),
  /** Publish payload bytes per second per connection. Defaults to `524288` (512 KiB). */
  publishBytesPerSecond: z
    .number()
    .int()
    .positive()
    .default(AWS_IOT_LIMITS.kibPerSecondPerConnection * KIB),
  /** Keepalive range in seconds; requests outside are clamped. Defaults to 30–1200. */
  keepAlive: z
    .object({
      minSeconds: z.number().int().positive().default(AWS_IOT_LIMITS.keepAliveMinSeconds),
      maxSeconds: z.number().int().positive().default(AWS_IOT_LIMITS.keepAliveMaxSeconds),
    })
    .refine((range) => range.minSeconds <= range.maxSeconds, {
      error: 'expected keepAlive.minSeconds <= keepAlive.maxSeconds',
    })
    .default({
      minSeconds: AWS_IOT_LIMITS.keepAliveMinSeconds,
      maxSeconds: AWS_IOT_LIMITS.keepAliveMaxSeconds,
    }),
  /** Largest PUBLISH (and Will) payload. Defaults to `131072` (128 KiB). */
  maxPayloadBytes: z.number().int().positive().default(AWS_IOT_LIMITS.payloadBytes),
  /** Subscriptions one connection may hold. Defaults to `50`. */
  maxSubscriptionsPerConnection: z
    .number()
    .int()
    .positive()
    .default(AWS_IOT_LIMITS.subscriptionsPerConnection),
  /** Topic filters in one SUBSCRIBE. Defaults to `8`. */
  maxFiltersPerSubscribe: z.number().int().positive().default(AWS_IOT_LIMITS.filtersPerSubscribe),
  /** Minimum time between two CONNECTs of one client id. Defaults to `1000` ms (1 per second). */
  connectIntervalMs: z.number().int().nonnegative().default(1000),
  /** Longest life of a WebSocket connection. Defaults to `86400000` ms (24 hours). */
  webSocketTtlMs: z.number().int().positive().max(MAX_TIMER_MS).default(DAY_MS),
});

/** Hooks of `createBroker` (functions, so outside the options schema). */
export interface BrokerHooks {
  /**
   * Called when a client presents a certificate the registry does not know, before the CONNECT is
   * refused (issue 4 registers certificates of auto-registration CAs here, as AWS just-in-time
   * registration does; the connection is still refused, as on AWS). Errors are logged.
   */
  onUnknownCertificate?: (event: UnknownCertificateEvent) => void | Promise<void>;
}

/** Options of `createBroker` as callers write them. */
export type BrokerOptions = z.input<typeof BrokerOptionsSchema> & BrokerHooks;
/** Options after defaults were applied. */
export type ResolvedBrokerOptions = z.output<typeof BrokerOptionsSchema>;

/** A client presented a certificate that is not in the registry. */
export interface UnknownCertificateEvent {
  /** Lowercase hex SHA-256 of the DER. */
  readonly certificateId: string;
  /** The certificate as presented (DER). */
  readonly certificateDer: Uint8Array;
  readonly clientId: string;
  readonly ipAddress: string | undefined;
}

/** How a connection reached the broker. */
export type Transport = 'mqtts' | 'wss';

/** A live connection, as `disconnect` predicates see it. */
export interface ConnectionInfo {
  readonly clientId: string;
  readonly transport: Transport;
  /** A UUID per connection (the lifecycle events' `sessionIdentifier`). */
  readonly sessionIdentifier: string;
  /** Certificate id of an mTLS connection. */
  readonly certificateId: string | undefined;
  /** Certificate ARN or Cognito identity id whose attachments authorize the connection. */
  readonly principal: Principal | undefined;
  /** SigV4 access key id of a WebSocket connection. */
  readonly accessKeyId: string | undefined;
  /** The attached thing named like the client id. */
  readonly thingName: string | undefined;
  readonly ipAddress: string | undefined;
}

/** Counters since the broker started. */
export interface BrokerStats {
  /** Open connections (CONNACK sent). */
  readonly connections: number;
  /** PUBLISH messages accepted from clients. */
  readonly messagesIn: number;
  /** Messages delivered to clients. */
  readonly messagesOut: number;
  /** Messages as AWS IoT Core bills them (5 KB units, retained publishes twice), both ways. */
  readonly billedMessages: number;
  /** Actions refused by policy (connect, publish, subscribe, receive). */
  readonly authorizationDenials: number;
}

/** The local AWS IoT Core message broker. */
export interface Broker {
  /** How services publish through the broker and receive client publishes. */
  readonly bus: MessageBus;
  /**
   * MQTT over TLS 1.2+ with client certificates; the caller listens it on the MQTT port. Closing
   * it also disconnects its clients (`SERVER_INITIATED_DISCONNECT`), so that `close()` resolves.
   */
  readonly mqttsServer: TlsServer;
  /**
   * Serves MQTT over WebSocket at `path` (defaults to `/mqtt`) on `server`: the upgrade request must
   * carry a valid SigV4 presigned URL (service `iotdevicegateway`), else it is answered 401 (403
   * when the credentials are known but refused). Closing `server` also disconnects these clients.
   */
  attachWebSocket(server: HttpsServer, path?: string): void;
  /**
   * Closes every live connection `predicate` selects, with `reason` in its disconnected event (the
   * Will is sent unless the reason is `CLIENT_INITIATED_DISCONNECT`). Returns how many it closed.
   */
  disconnect(predicate: (connection: ConnectionInfo) => boolean, reason: DisconnectReason): number;
  /** Counters since start. */
  stats(): BrokerStats;
  /** Disconnects every client (`SERVER_INITIATED_DISCONNECT`) and stops the broker. Safe to call twice. */
  close(): Promise<void>;
}
