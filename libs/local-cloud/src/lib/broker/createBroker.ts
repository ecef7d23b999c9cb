import { createHash, randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer as createTlsServer, type PeerCertificate, type TLSSocket } from 'node:tls';
import {
  Aedes,
  type AedesPublishPacket,
  type AuthenticateError,
  type Client,
  type ConnectPacket,
  type Subscription,
} from 'aedes';
import { PolicyError } from '@iot-gateway-net/policy';
import { topicMatchesFilter, type DisconnectReason } from '@iot-gateway-net/topics';
import { createConnectionPermissions } from '../authz/createConnectionPermissions.js';
import { createPolicyCompiler } from '../authz/createPolicyCompiler.js';
import { createResourceArns } from '../authz/createResourceArns.js';
import {
  resolveConnectionAuthorizer,
  type ConnectionAuthorization,
} from '../authz/resolveConnectionAuthorizer.js';
import type { CertificateFacts, ConnectionIdentity } from '../authz/types.js';
import type { CloudContext } from '../context/CloudContext.js';
import type { CredentialRecord } from '../context/CredentialStore.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { createLifecycleEvents } from '../lifecycle/createLifecycleEvents.js';
import { aedesInternals } from './aedesInternals.js';
import { attachWebSocketServer } from './attachWebSocketServer.js';
import { billedMessages } from './billedMessages.js';
import type { BrokerConnection } from './BrokerConnection.js';
import { certificateProblem } from './certificateProblem.js';
import { clampKeepalive } from './clampKeepalive.js';
import { clientInternals } from './clientInternals.js';
import { createConnectThrottle } from './createConnectThrottle.js';
import { createMessageBus } from './createMessageBus.js';
import { createRateLimiter } from './createRateLimiter.js';
import { createTopicChecker } from './createTopicChecker.js';
import { decideConnect } from './decideConnect.js';
import { decidePublish } from './decidePublish.js';
import { decideSubscribe } from './decideSubscribe.js';
import { guardEmitterRecursion } from './guardEmitterRecursion.js';
import { installRetainedStore } from './installRetainedStore.js';
import { watchRegistryChanges } from './watchRegistryChanges.js';
import {
  BrokerOptionsSchema,
  type Broker,
  type BrokerOptions,
  type ConnectionInfo,
  type Transport,
} from './types.js';

/** What the transport knows about a connection before its CONNECT. */
interface PendingConnection {
  readonly transport: Transport;
  readonly ipAddress: string | undefined;
  readonly socket?: TLSSocket;
  readonly credential?: CredentialRecord;
  connect?: {
    readonly clean: boolean;
    readonly will?: {
      readonly topic: string;
      readonly retain: boolean;
      readonly payloadBytes: number;
    };
  };
}

type Identified =
  | {
      readonly ok: true;
      readonly identity: ConnectionIdentity;
      readonly certificateId: string | undefined;
      readonly accessKeyId: string | undefined;
      readonly principalIdentifier: string;
    }
  | { readonly ok: false; readonly message: string; readonly principalIdentifier: string };

// Socket errors that mean the peer went away rather than misbehaved.
const CONNECTION_LOST_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);
const DIRECTION_IN = Object.freeze({ direction: 'in' });
// Remembers nothing, so that Aedes' `dedupe` passes every delivery on to authorizeForward.
const NO_DEDUPLICATION: Record<string, number> = new Proxy(
  Object.create(null) as Record<string, number>,
  {
    set: () => true,
  },
);
const DIRECTION_OUT = Object.freeze({ direction: 'out' });

function refusal(returnCode: 2 | 5, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode });
}

function normalizeIp(address: string | undefined): string | undefined {
  return address?.startsWith('::ffff:') === true ? address.slice('::ffff:'.length) : address;
}

function certificateFacts(peer: PeerCertificate): CertificateFacts {
  return {
    subject: peer.subject ?? {},
    issuer: peer.issuer ?? {},
    serialNumber: peer.serialNumber,
    notBefore: Date.parse(peer.valid_from),
    notAfter: Date.parse(peer.valid_to),
    ...(peer.subjectaltname === undefined ? {} : { subjectAltName: peer.subjectaltname }),
  };
}

function hashParentsOf(filters: ReadonlySet<string>): string[] {
  const parents: string[] = [];
  for (const filter of filters) {
    if (filter.endsWith('/#')) {
      parents.push(filter.slice(0, -2));
    }
  }
  return parents;
}

function subscribedTo(connection: BrokerConnection, topic: string): boolean {
  for (const filter of connection.filters) {
    if (topicMatchesFilter(filter, topic)) {
      return true;
    }
  }
  return false;
}

// AWS IoT Developer Guide, "MQTT", differences from the specification: "a subscription to the topic
// sensor/# receives messages published to ... sensor/temperature ... but not messages published to
// sensor". Aedes follows MQTT and matches the parent, so a delivery on a parent level is let through
// only when another filter of the connection matches it the AWS way.
function awsFilterMatches(connection: BrokerConnection, topic: string): boolean {
  for (const parent of connection.hashParents) {
    const isParent = parent.includes('+') ? topicMatchesFilter(parent, topic) : parent === topic;
    if (isParent) {
      return subscribedTo(connection, topic);
    }
  }
  return true;
}

function connectionInfo(connection: BrokerConnection): ConnectionInfo {
  return {
    clientId: connection.clientId,
    transport: connection.transport,
    sessionIdentifier: connection.sessionIdentifier,
    certificateId: connection.certificateId,
    principal: connection.authorization.principal,
    accessKeyId: connection.accessKeyId,
    thingName: connection.authorization.thingName,
    ipAddress: connection.ipAddress,
  };
}

/**
 * Starts the local AWS IoT Core message broker on Aedes: MQTT 3.1.1 over TLS 1.2+ with client
 * certificates (`mqttsServer`, listened by the caller) and over WebSocket with SigV4
 * (`attachWebSocket`), every CONNECT, PUBLISH, SUBSCRIBE and delivery authorized by the policies
 * attached to the connection's principal, with AWS IoT's deviations from MQTT 3.1.1 (AWS IoT
 * Developer Guide, "MQTT"): QoS 2 refused, duplicate client ids take over, one CONNECT per second
 * per client id, `a/#` not matching `a`, retained messages only for exact-topic subscriptions and
 * stored in the registry, no RETAIN on reserved topics, keepalive clamped, AWS's size, topic and
 * rate limits. Publishes lifecycle events and closes connections within a second of their
 * certificate leaving ACTIVE or their principal losing its last policy.
 *
 * @throws {LocalCloudError} `CONFIG` for invalid options.
 */
export async function createBroker(ctx: CloudContext, options: BrokerOptions): Promise<Broker> {
  const { onUnknownCertificate, ...rest } = options;
  const parsed = BrokerOptionsSchema.safeParse(rest);
  if (!parsed.success) {
    throw new LocalCloudError('CONFIG', `Invalid broker options: ${parsed.error.message}`, {
      cause: parsed.error,
    });
  }
  const opts = parsed.data;
  const { registry, clock } = ctx;
  const now = (): number => clock.now();
  const log = ctx.logger.child({ component: 'broker' });
  const arns = createResourceArns(ctx);
  const compiler = createPolicyCompiler(registry);
  const throttle = createConnectThrottle({ intervalMs: opts.connectIntervalMs, now });

  const metrics = {
    connections: ctx.metrics.gauge('iot_broker_connections', 'Open MQTT connections by transport.'),
    messagesIn: ctx.metrics.counter(
      'iot_broker_messages_in_total',
      'PUBLISH messages accepted from clients.',
    ),
    messagesOut: ctx.metrics.counter(
      'iot_broker_messages_out_total',
      'Messages delivered to clients.',
    ),
    billed: ctx.metrics.counter(
      'iot_broker_billed_messages_total',
      'Messages as AWS IoT Core meters them (5 KB units, retained publishes twice), by direction.',
    ),
    denials: ctx.metrics.counter(
      'iot_broker_authorization_denials_total',
      'Actions refused by policy, by action.',
    ),
    disconnects: ctx.metrics.counter(
      'iot_broker_disconnects_total',
      'Closed connections by lifecycle disconnectReason.',
    ),
    refused: ctx.metrics.counter(
      'iot_broker_connects_refused_total',
      'CONNECT attempts refused, by cause.',
    ),
  };
  const counts = {
    connections: 0,
    messagesIn: 0,
    messagesOut: 0,
    billedMessages: 0,
    authorizationDenials: 0,
  };
  const deny = (action: string): void => {
    counts.authorizationDenials += 1;
    metrics.denials.inc({ action });
  };

  const pending = new WeakMap<Client, PendingConnection>();
  const connections = new WeakMap<Client, BrokerConnection>();
  const live = new Set<BrokerConnection>();
  // Subscriptions of a SUBSCRIBE that AWS refuses as a whole (QoS 2, too many filters).
  const refusedSubscriptions = new WeakSet<Subscription>();
  let closing = false;

  const kick = (connection: BrokerConnection, reason: DisconnectReason, detail: string): void => {
    if (connection.finished || connection.client.closed) {
      return;
    }
    connection.reason ??= reason;
    log.info('mqtt.disconnecting', { clientId: connection.clientId, reason, detail });
    connection.client.close();
  };

  const finish = (connection: BrokerConnection): void => {
    if (connection.finished) {
      return;
    }
    connection.finished = true;
    live.delete(connection);
    clearTimeout(connection.ttlTimer);
    if (!connection.announced) {
      return;
    }
    const reason: DisconnectReason =
      connection.reason ??
      (clientInternals(connection.client)._disconnected
        ? 'CLIENT_INITIATED_DISCONNECT'
        : 'CONNECTION_LOST');
    counts.connections -= 1;
    metrics.connections.dec({ transport: connection.transport });
    metrics.disconnects.inc({ reason });
    log.info('mqtt.disconnected', {
      clientId: connection.clientId,
      transport: connection.transport,
      reason,
    });
    lifecycle.disconnected(connection, reason);
  };

  const identify = (client: Client, facts: PendingConnection): Identified => {
    if (facts.credential !== undefined) {
      const credential = facts.credential;
      const identity = credential.identity;
      return {
        ok: true,
        identity: { kind: 'credential', credential },
        certificateId: undefined,
        accessKeyId: credential.accessKeyId,
        principalIdentifier:
          identity.kind === 'iam' && identity.cognitoIdentityId !== undefined
            ? identity.cognitoIdentityId
            : credential.accessKeyId,
      };
    }
    const peer = facts.socket?.getPeerCertificate();
    if (peer?.raw === undefined) {
      return { ok: false, message: 'No client certificate, expected one', principalIdentifier: '' };
    }
    const certificateId = createHash('sha256').update(peer.raw).digest('hex');
    const record = registry.getCertificate(certificateId);
    if (record === undefined) {
      if (onUnknownCertificate !== undefined) {
        const event = {
          certificateId,
          certificateDer: new Uint8Array(peer.raw),
          clientId: client.id,
          ipAddress: facts.ipAddress,
        };
        Promise.resolve()
          .then(() => onUnknownCertificate(event))
          .catch((error: unknown) => log.error('mqtt.unknown_certificate_hook_failed', { error }));
      }
      return {
        ok: false,
        message: `Certificate ${certificateId} is not registered`,
        principalIdentifier: certificateId,
      };
    }
    const problem = certificateProblem(record, now());
    if (problem !== undefined) {
      return { ok: false, message: problem, principalIdentifier: certificateId };
    }
    return {
      ok: true,
      identity: { kind: 'certificate', certificate: record, facts: certificateFacts(peer) },
      certificateId,
      accessKeyId: undefined,
      principalIdentifier: certificateId,
    };
  };

  const authorize = (
    identity: ConnectionIdentity,
    clientId: string,
    ipAddress: string | undefined,
    connectAttributes: readonly string[],
  ): ConnectionAuthorization =>
    resolveConnectionAuthorizer(
      { registry, compiler },
      {
        identity,
        clientId,
        connectAttributes,
        ...(ipAddress === undefined ? {} : { sourceIp: ipAddress }),
      },
    );

  const authenticate = (client: Client): AuthenticateError | undefined => {
    const facts = pending.get(client);
    const clientId = client.id;
    const refuse = (
      returnCode: 2 | 5,
      cause: string,
      message: string,
      extra: Record<string, unknown> = {},
    ): AuthenticateError => {
      metrics.refused.inc({ cause });
      log.warn('mqtt.connect_refused', {
        clientId,
        transport: facts?.transport,
        ipAddress: facts?.ipAddress,
        returnCode,
        cause,
        detail: message,
        ...extra,
      });
      return refusal(returnCode, message);
    };
    if (facts?.connect === undefined || closing) {
      return refuse(5, 'server', 'The broker is closing');
    }
    const identified = identify(client, facts);
    if (!identified.ok) {
      return refuse(5, 'authentication', identified.message, {
        principalIdentifier: identified.principalIdentifier,
      });
    }
    const connectAttributes = [
      ...(facts.connect.clean ? [] : ['PersistentConnect']),
      ...(facts.connect.will === undefined ? [] : ['LastWill']),
    ];
    let authorization: ConnectionAuthorization;
    try {
      authorization = authorize(identified.identity, clientId, facts.ipAddress, connectAttributes);
    } catch (error) {
      if (error instanceof PolicyError || error instanceof LocalCloudError) {
        log.error('mqtt.authorization_failed', { clientId, error });
        return refuse(
          5,
          'authorization',
          `Cannot evaluate the principal's policies: ${error.message}`,
        );
      }
      throw error;
    }
    const permissions = createConnectionPermissions(authorization.authorizer, arns);
    const verdict = decideConnect({
      clientId,
      ...(facts.connect.will === undefined ? {} : { will: facts.connect.will }),
      maxPayloadBytes: opts.maxPayloadBytes,
      permissions,
    });
    const sessionIdentifier = randomUUID();
    if (!verdict.ok) {
      if (verdict.action !== undefined) {
        deny(verdict.action);
      }
      if (verdict.connectFailed) {
        lifecycle.connectFailed({
          clientId,
          sessionIdentifier,
          principalIdentifier: identified.principalIdentifier,
          ...(facts.ipAddress === undefined ? {} : { ipAddress: facts.ipAddress }),
        });
      }
      return refuse(
        verdict.returnCode,
        verdict.connectFailed ? 'authorization' : 'request',
        verdict.message,
        {
          principalIdentifier: identified.principalIdentifier,
        },
      );
    }
    const connection: BrokerConnection = {
      client,
      clientId,
      transport: facts.transport,
      sessionIdentifier,
      principalIdentifier: identified.principalIdentifier,
      ...(facts.ipAddress === undefined ? {} : { ipAddress: facts.ipAddress }),
      versionNumber: lifecycle.nextVersion(clientId),
      identity: identified.identity,
      certificateId: identified.certificateId,
      accessKeyId: identified.accessKeyId,
      connectAttributes,
      authorization,
      permissions,
      limiter: createRateLimiter({
        messagesPerSecond: opts.publishRateLimit,
        bytesPerSecond: opts.publishBytesPerSecond,
        now,
      }),
      topicProblem: createTopicChecker(),
      filters: new Set(),
      hashParents: [],
      lastDelivered: 0,
      reason: undefined,
      announced: false,
      finished: false,
      ttlTimer: undefined,
    };
    // AWS IoT Developer Guide, "MQTT": a second client with the same client id takes over and the
    // first is disconnected (DUPLICATE_CLIENTID, its Will sent). Aedes closes it on registration.
    const previous = aedesInternals(aedes).clients[clientId];
    const previousConnection = previous === undefined ? undefined : connections.get(previous);
    if (previousConnection !== undefined && previous !== client) {
      previousConnection.reason ??= 'DUPLICATE_CLIENTID';
    }
    connections.set(client, connection);
    live.add(connection);
    return undefined;
  };

  const aedes = await Aedes.createBroker({
    preConnect(client: Client, packet: ConnectPacket, callback) {
      const facts = pending.get(client);
      if (facts === undefined || closing) {
        callback(new Error('The broker is closing'), false);
        return;
      }
      // AWS General Reference, "AWS IoT Core endpoints and quotas": 1 CONNECT per second per
      // client id. The connection is dropped without CONNACK.
      if (packet.clientId !== '' && !throttle.attempt(packet.clientId)) {
        metrics.refused.inc({ cause: 'throttled' });
        log.warn('mqtt.connect_throttled', {
          clientId: packet.clientId,
          ipAddress: facts.ipAddress,
        });
        callback(new Error(`CONNECT of "${packet.clientId}" throttled`), false);
        return;
      }
      const will = packet.will;
      // AWS closes the connection, without CONNACK, for a QoS 2 Will (QoS 2 is not supported).
      if (will?.qos === 2) {
        metrics.refused.inc({ cause: 'request' });
        log.warn('mqtt.connect_refused', {
          clientId: packet.clientId,
          cause: 'request',
          detail: `Unexpected QoS 2 Will on "${will.topic}", expected QoS 0 or 1`,
        });
        callback(new Error('QoS 2 Will'), false);
        return;
      }
      // AWS IoT keepalive is clamped to 30–1200 s; Aedes times out after 1.5 × this value.
      packet.keepalive = clampKeepalive(packet.keepalive, opts.keepAlive);
      facts.connect = {
        clean: packet.clean !== false,
        ...(will === undefined
          ? {}
          : {
              will: {
                topic: will.topic,
                retain: will.retain === true,
                payloadBytes:
                  typeof will.payload === 'string'
                    ? Buffer.byteLength(will.payload)
                    : will.payload.byteLength,
              },
            }),
      };
      callback(null, true);
    },
    authenticate(client: Client, _username, _password, done) {
      let error: AuthenticateError | undefined;
      try {
        error = authenticate(client);
      } catch (unexpected) {
        log.error('mqtt.authenticate_failed', { clientId: client.id, error: unexpected });
        error = refusal(5, 'Internal error');
      }
      done(error ?? null, error === undefined);
    },
    authorizePublish(client: Client | null, packet, callback) {
      const connection = client === null ? undefined : connections.get(client);
      if (client === null || connection === undefined) {
        callback(new Error('Publish from an unknown connection'));
        return;
      }
      const payloadBytes = packet.payload.length;
      // The Will, published once the connection is closed, was authorized at CONNECT.
      if (client.closed) {
        log.info('mqtt.will_published', { clientId: connection.clientId, topic: packet.topic });
      } else {
        const verdict = decidePublish({
          topic: packet.topic,
          qos: packet.qos,
          retain: packet.retain,
          payloadBytes,
          maxPayloadBytes: opts.maxPayloadBytes,
          permissions: connection.permissions,
          limiter: connection.limiter,
          topicProblem: connection.topicProblem,
        });
        if (!verdict.ok) {
          if (verdict.action !== undefined) {
            deny(verdict.action);
          }
          connection.reason ??= verdict.reason;
          log.warn('mqtt.publish_refused', {
            clientId: connection.clientId,
            topic: packet.topic,
            reason: verdict.reason,
            detail: verdict.message,
          });
          callback(new Error(verdict.message));
          return;
        }
      }
      const billed = billedMessages(payloadBytes, packet.retain);
      counts.messagesIn += 1;
      counts.billedMessages += billed;
      metrics.messagesIn.inc();
      metrics.billed.inc(DIRECTION_IN, billed);
      callback(null);
    },
    authorizeSubscribe(client: Client, subscription, callback) {
      const connection = connections.get(client);
      if (connection === undefined || refusedSubscriptions.has(subscription)) {
        callback(null, null);
        return;
      }
      const filter = subscription.topic;
      const verdict = decideSubscribe({
        filter,
        alreadySubscribed: connection.filters.has(filter),
        subscriptionCount: connection.filters.size,
        maxSubscriptions: opts.maxSubscriptionsPerConnection,
        permissions: connection.permissions,
      });
      if (!verdict.granted) {
        if (verdict.action !== undefined) {
          deny(verdict.action);
        }
        log.warn('mqtt.subscribe_refused', {
          clientId: connection.clientId,
          filter,
          detail: verdict.message,
        });
        callback(null, null);
        return;
      }
      connection.filters.add(filter);
      connection.hashParents = hashParentsOf(connection.filters);
      callback(null, subscription);
    },
    authorizeForward(client: Client, packet: AedesPublishPacket) {
      const connection = connections.get(client);
      if (connection === undefined) {
        return null;
      }
      const fromBroker = packet.brokerId === aedes.id;
      if (fromBroker && packet.brokerCounter === connection.lastDelivered) {
        return null;
      }
      const topic = packet.topic;
      if (connection.hashParents.length > 0 && !awsFilterMatches(connection, topic)) {
        return null;
      }
      if (connection.permissions.receive(topic).decision !== 'allow') {
        deny('iot:Receive');
        log.debug('mqtt.receive_refused', { clientId: connection.clientId, topic });
        return null;
      }
      if (fromBroker) {
        connection.lastDelivered = packet.brokerCounter;
      }
      const billed = billedMessages(packet.payload.length);
      counts.messagesOut += 1;
      counts.billedMessages += billed;
      metrics.messagesOut.inc();
      metrics.billed.inc(DIRECTION_OUT, billed);
      return packet;
    },
    published(packet: AedesPublishPacket, client: Client | null, callback) {
      callback(null);
      const connection = client === null ? undefined : connections.get(client);
      if (connection !== undefined) {
        bus.dispatch(packet, connection);
      }
    },
  });

  installRetainedStore(aedesInternals(aedes).persistence, registry, now);
  guardEmitterRecursion(aedesInternals(aedes).mq);

  const bus = createMessageBus({
    aedes,
    findConnection: (clientId) => {
      const client = aedesInternals(aedes).clients[clientId];
      const connection = client === undefined ? undefined : connections.get(client);
      return connection?.finished === false ? connection : undefined;
    },
    deliverable: (connection, topic) =>
      subscribedTo(connection, topic) && connection.permissions.receive(topic).decision === 'allow',
    logger: log,
    now,
  });

  const lifecycle = createLifecycleEvents({
    now,
    publish: (topic, payload) => {
      bus.publish(topic, payload, { qos: 1 }).catch((error: unknown) => {
        if (!closing) {
          log.warn('lifecycle.publish_failed', { topic, error });
        }
      });
    },
  });

  aedes.on('clientReady', (client) => {
    const connection = connections.get(client);
    if (connection === undefined || connection.finished) {
      return;
    }
    connection.announced = true;
    counts.connections += 1;
    metrics.connections.inc({ transport: connection.transport });
    if (connection.transport === 'wss') {
      // AWS IoT: a WebSocket connection lives at most 24 hours (WEBSOCKET_TTL_EXPIRATION).
      connection.ttlTimer = setTimeout(
        () => kick(connection, 'WEBSOCKET_TTL_EXPIRATION', 'WebSocket connection lifetime reached'),
        opts.webSocketTtlMs,
      );
      connection.ttlTimer.unref();
    }
    log.info('mqtt.connected', {
      clientId: connection.clientId,
      transport: connection.transport,
      principalIdentifier: connection.principalIdentifier,
      thingName: connection.authorization.thingName,
      ipAddress: connection.ipAddress,
    });
    lifecycle.connected(connection);
  });
  aedes.on('clientDisconnect', (client) => {
    const connection = connections.get(client);
    if (connection !== undefined) {
      finish(connection);
    }
  });
  aedes.on('keepaliveTimeout', (client) => {
    const connection = connections.get(client);
    if (connection !== undefined) {
      connection.reason ??= 'MQTT_KEEP_ALIVE_TIMEOUT';
    }
  });
  aedes.on('clientError', (client, error) => {
    const connection = connections.get(client);
    if (connection !== undefined && connection.reason === undefined) {
      const code = (error as NodeJS.ErrnoException).code;
      connection.reason =
        code !== undefined && CONNECTION_LOST_CODES.has(code) ? 'CONNECTION_LOST' : 'CLIENT_ERROR';
    }
    log.debug('mqtt.client_error', { clientId: client.id, error });
  });
  aedes.on('connectionError', (client, error) => {
    log.debug('mqtt.connection_error', { clientId: client.id, error });
  });
  aedes.on('subscribe', (subscriptions, client) => {
    const connection = connections.get(client);
    const granted = subscriptions.filter((s) => (s.qos as number) !== 128).map((s) => s.topic);
    if (connection !== undefined && granted.length > 0) {
      lifecycle.subscribed(connection, granted);
    }
  });
  aedes.on('unsubscribe', (filters, client) => {
    const connection = connections.get(client);
    // Aedes also reports the subscriptions it drops when a clean session closes; AWS sends
    // unsubscribed events for UNSUBSCRIBE packets only.
    if (connection === undefined || client.closed) {
      return;
    }
    for (const filter of filters) {
      connection.filters.delete(filter);
    }
    connection.hashParents = hashParentsOf(connection.filters);
    lifecycle.unsubscribed(connection, filters);
  });
  (aedes as EventEmitter).on('error', (error: unknown) => log.error('broker.error', { error }));

  // Packets as decoded, before Aedes handles them: SUBSCRIBE rules that concern a whole packet.
  const watchPackets = (client: Client): void => {
    clientInternals(client)._parser.prependListener(
      'packet',
      (packet: { cmd: string; messageId?: number; subscriptions?: Subscription[] }) => {
        if (packet.cmd !== 'subscribe' || packet.subscriptions === undefined) {
          return;
        }
        const subscriptions = packet.subscriptions;
        if (subscriptions.some((s) => (s.qos as number) === 2)) {
          // AWS IoT Developer Guide, "MQTT", differences: "When QoS level 2 is requested, the
          // message broker doesn't send a PUBACK or SUBACK." Nothing of the packet is subscribed.
          delete packet.messageId;
          subscriptions.forEach((s) => refusedSubscriptions.add(s));
          log.warn('mqtt.subscribe_refused', {
            clientId: client.id,
            filters: subscriptions.map((s) => s.topic),
            detail: 'Unexpected QoS 2 subscription, expected QoS 0 or 1 (no SUBACK sent)',
          });
        } else if (subscriptions.length > opts.maxFiltersPerSubscribe) {
          subscriptions.forEach((s) => refusedSubscriptions.add(s));
          log.warn('mqtt.subscribe_refused', {
            clientId: client.id,
            detail: `Unexpected ${subscriptions.length} topic filters in one SUBSCRIBE, expected at most ${opts.maxFiltersPerSubscribe}`,
          });
        }
      },
    );
  };

  const accept = (stream: Duplex, facts: PendingConnection, request?: IncomingMessage): Client => {
    const client = request === undefined ? aedes.handle(stream) : aedes.handle(stream, request);
    // Aedes' own de-duplication keeps the highest counter seen and so drops messages that were
    // reordered inside the broker; authorizeForward de-duplicates exactly instead.
    clientInternals(client).duplicates = NO_DEDUPLICATION;
    pending.set(client, facts);
    watchPackets(client);
    return client;
  };

  const rawSockets = new Set<Socket>();
  const mqttsServer = createTlsServer(
    {
      key: opts.serverKeyPem,
      cert: opts.serverCertPem,
      ca: [ctx.rootCaPem],
      // The certificate is checked against the registry at CONNECT (not by the TLS stack), so that
      // an unknown or inactive certificate gets CONNACK "not authorized" and a connect_failed
      // event, and issue 4's just-in-time registration sees certificates of registered CAs.
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
      // MQTT packets are small and latency-bound (a command, its ack): Nagle's algorithm would hold
      // each one back until the previous segment is acknowledged.
      noDelay: true,
    },
    (socket: TLSSocket) => {
      if (closing) {
        socket.destroy();
        return;
      }
      accept(socket, {
        transport: 'mqtts',
        ipAddress: normalizeIp(socket.remoteAddress),
        socket,
      });
    },
  );
  mqttsServer.on('connection', (socket: Socket) => {
    rawSockets.add(socket);
    socket.once('close', () => rawSockets.delete(socket));
  });
  mqttsServer.on('tlsClientError', (error, socket) => {
    log.debug('mqtt.tls_error', { ipAddress: normalizeIp(socket.remoteAddress), error });
  });
  const disconnectAll = (transport: Transport | undefined): void => {
    for (const connection of live) {
      if (transport === undefined || connection.transport === transport) {
        kick(connection, 'SERVER_INITIATED_DISCONNECT', 'server closing');
      }
    }
  };
  const closeTlsServer = mqttsServer.close.bind(mqttsServer);
  mqttsServer.close = (callback?: (error?: Error) => void) => {
    disconnectAll('mqtts');
    for (const socket of rawSockets) {
      socket.destroy();
    }
    return closeTlsServer(callback);
  };

  const stopWatching = watchRegistryChanges({
    registry,
    connections: live,
    disconnect: kick,
    policyChanged: () => compiler.invalidate(),
    reauthorize(connection) {
      try {
        const authorization = authorize(
          connection.identity,
          connection.clientId,
          connection.ipAddress,
          connection.connectAttributes,
        );
        if (!authorization.hasPolicies) {
          kick(connection, 'AUTH_ERROR', 'no policy attached to the principal any more');
          return;
        }
        connection.authorization = authorization;
        connection.permissions = createConnectionPermissions(authorization.authorizer, arns);
        log.info('mqtt.authorization_updated', {
          clientId: connection.clientId,
          policies: authorization.policyNames,
        });
      } catch (error) {
        log.error('mqtt.authorization_failed', { clientId: connection.clientId, error });
        kick(connection, 'AUTH_ERROR', 'policies could not be evaluated');
      }
    },
  });

  const webSockets = attachWebSocketServer({
    ctx,
    logger: log,
    accept: (stream, facts, request) => accept(stream, { transport: 'wss', ...facts }, request),
    clientInitiatedClose: (client) => {
      const connection = connections.get(client);
      if (connection === undefined || connection.reason === undefined) {
        // AWS IoT Developer Guide, "Lifecycle events": a WebSocket Close frame is a
        // client-initiated disconnect, and no Will is sent for it.
        clientInternals(client)._disconnected = true;
      }
    },
    beforeServerClose: () => disconnectAll('wss'),
  });

  let closed: Promise<void> | undefined;
  return {
    bus,
    mqttsServer,
    attachWebSocket: (server, path = '/mqtt') => webSockets.attach(server, path),
    disconnect(predicate, reason) {
      let count = 0;
      for (const connection of live) {
        if (predicate(connectionInfo(connection))) {
          kick(connection, reason, 'requested');
          count += 1;
        }
      }
      return count;
    },
    stats: () => ({ ...counts }),
    close() {
      closed ??= (async () => {
        stopWatching();
        disconnectAll(undefined);
        closing = true;
        await new Promise<void>((resolve) => aedes.close(() => resolve()));
        for (const socket of rawSockets) {
          socket.destroy();
        }
        webSockets.close();
        for (const connection of live) {
          finish(connection);
        }
      })();
      return closed;
    },
  };
}
