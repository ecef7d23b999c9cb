import type { Aedes, AedesPublishPacket, PublishPacket } from 'aedes';
import { assertTopicFilter, isReservedTopic, TopicError } from '@iot-gateway-net/topics';
import type { Logger } from '../context/Logger.js';
import type { InboundMessage, MessageBus, ServicePublishOptions } from '../context/MessageBus.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import type { BrokerConnection } from './BrokerConnection.js';
import { compileFilter } from './compileFilter.js';

/** The broker's {@link MessageBus}, plus the hook that feeds it client publishes. */
export interface BrokerBus extends MessageBus {
  /** Runs the handlers whose filter matches an authorized client publish. Never throws. */
  dispatch(packet: AedesPublishPacket, connection: BrokerConnection): void;
}

/** What {@link createMessageBus} works with. */
export interface MessageBusDependencies {
  readonly aedes: Aedes;
  /** The live connection of a client id. */
  readonly findConnection: (clientId: string) => BrokerConnection | undefined;
  /** True when a delivery of `topic` to `connection` passes AWS's filter matching and `iot:Receive`. */
  readonly deliverable: (connection: BrokerConnection, topic: string) => boolean;
  readonly logger: Logger;
  readonly now: () => number;
}

interface Handler {
  readonly filter: string;
  readonly matches: (topic: string) => boolean;
  readonly handle: (message: InboundMessage) => void | Promise<void>;
}

function toBuffer(payload: Uint8Array | string): Buffer {
  return typeof payload === 'string'
    ? Buffer.from(payload)
    : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
}

function servicePacket(
  topic: string,
  payload: Uint8Array | string,
  options: ServicePublishOptions,
): PublishPacket {
  const retain = options.retain ?? false;
  // AWS IoT Developer Guide, "Using MQTT retained messages": no RETAIN on reserved topics.
  if (retain && isReservedTopic(topic)) {
    throw new LocalCloudError(
      'INVALID_REQUEST',
      `Unexpected RETAIN on reserved topic "${topic}", expected RETAIN only outside $aws/`,
    );
  }
  return {
    cmd: 'publish',
    topic,
    payload: toBuffer(payload),
    qos: options.qos ?? 0,
    retain,
    dup: false,
  };
}

/**
 * The broker side of the {@link MessageBus}: service publishes go through Aedes (so every delivery
 * passes the subscriber's `iot:Receive` check and retained ones reach the registry),
 * `sendToClient` writes to one connection, and handlers see authorized client publishes — MQTT ones
 * through `dispatch`, HTTPS ones through `publish` with a `publisher` — built the same way, so the
 * bus is the one path from a client publish to the services and rules.
 */
export function createMessageBus(deps: MessageBusDependencies): BrokerBus {
  const { aedes, logger } = deps;
  let handlers: readonly Handler[] = [];

  const run = (handler: Handler, message: InboundMessage): void => {
    const fail = (error: unknown): void =>
      logger.error('bus.handler_failed', { filter: handler.filter, topic: message.topic, error });
    try {
      const result = handler.handle(message);
      if (result instanceof Promise) {
        result.catch(fail);
      }
    } catch (error) {
      fail(error);
    }
  };

  // One message object per publish, built only when a handler matches.
  const offer = (topic: string, build: () => InboundMessage): void => {
    let message: InboundMessage | undefined;
    for (const handler of handlers) {
      if (handler.matches(topic)) {
        message ??= build();
        run(handler, message);
      }
    }
  };

  return {
    async publish(topic, payload, options = {}) {
      const bytes = toBuffer(payload);
      const packet = servicePacket(topic, bytes, options);
      await new Promise<void>((resolve, reject) => {
        aedes.publish(packet, (error) => (error ? reject(error) : resolve()));
      });
      const { publisher } = options;
      if (publisher === undefined) return;
      offer(topic, () => ({
        topic,
        payload: bytes,
        qos: packet.qos === 0 ? 0 : 1,
        retain: packet.retain,
        clientId: undefined,
        principal: publisher.principal,
        certificateId: publisher.certificateId,
        ...(publisher.accessKeyId === undefined ? {} : { accessKeyId: publisher.accessKeyId }),
        thingName: undefined,
        receivedAt: deps.now(),
      }));
    },
    async sendToClient(clientId, topic, payload, options = {}) {
      const packet = servicePacket(topic, payload, options);
      const connection = deps.findConnection(clientId);
      if (connection === undefined || !deps.deliverable(connection, topic)) {
        return false;
      }
      return new Promise((resolve) => {
        connection.client.publish(packet, (error) => {
          if (error) {
            logger.warn('bus.send_failed', { clientId, topic, error });
          }
          resolve(error === undefined || error === null);
        });
      });
    },
    handle(filter, handle) {
      try {
        assertTopicFilter(filter);
      } catch (error) {
        if (error instanceof TopicError) {
          throw new LocalCloudError('INVALID_REQUEST', error.message, { cause: error });
        }
        throw error;
      }
      const handler: Handler = { filter, matches: compileFilter(filter), handle };
      handlers = [...handlers, handler];
      return () => {
        handlers = handlers.filter((h) => h !== handler);
      };
    },
    dispatch(packet, connection) {
      offer(packet.topic, () => ({
        topic: packet.topic,
        payload: typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload,
        qos: packet.qos === 0 ? 0 : 1,
        retain: packet.retain,
        clientId: connection.clientId,
        principal: connection.authorization.principal,
        certificateId: connection.certificateId,
        ...(connection.accessKeyId === undefined ? {} : { accessKeyId: connection.accessKeyId }),
        thingName: connection.authorization.thingName,
        receivedAt: deps.now(),
      }));
    },
  };
}
