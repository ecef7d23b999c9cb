import type { Principal } from '../registry/types.js';

/** A message a client published, as a service handler sees it (after authorization). */
export interface InboundMessage {
  topic: string;
  payload: Uint8Array;
  qos: 0 | 1;
  retain: boolean;
  /** MQTT client id of the publisher, or `undefined` for HTTPS publishes (no client id there). */
  clientId: string | undefined;
  /** Certificate ARN or Cognito identity id of the publisher. */
  principal: Principal | undefined;
  /** Certificate id when the publisher used a client certificate. */
  certificateId: string | undefined;
  /** SigV4 access key id when the publisher signed with IAM credentials (WebSocket or HTTPS). */
  accessKeyId?: string;
  /** Thing attached to the publisher's certificate whose name equals the client id, if any. */
  thingName: string | undefined;
  /** Epoch ms when the broker received it. */
  receivedAt: number;
}

/**
 * Who published a message that did not arrive over an MQTT connection (an HTTPS data-plane
 * publish), already authenticated and authorized by the caller.
 */
export type ClientPublisher = Pick<InboundMessage, 'principal' | 'certificateId' | 'accessKeyId'>;

/** Options of a publish through the bus. */
export interface ServicePublishOptions {
  /** Defaults to `0`. */
  qos?: 0 | 1;
  /** Services never retain on `$aws` topics (AWS refuses RETAIN there). Defaults to `false`. */
  retain?: boolean;
  /**
   * Publishes on behalf of this client instead of as the service: after delivery the message goes
   * to the `handle` handlers exactly as an MQTT client publish does (with no client id), so rules,
   * shadows and every other service see HTTPS publishes too (AWS: the rules engine sees messages
   * "published by devices ... using MQTT or HTTP"). Defaults to a service publish, which handlers
   * never see.
   */
  publisher?: ClientPublisher;
}

/**
 * How services (shadow, fleet provisioning, rules, lifecycle events) talk through the broker.
 * Implemented by the broker; services never touch Aedes directly.
 */
export interface MessageBus {
  /**
   * Publishes as the service (or, with `options.publisher`, as that client): delivered to every
   * subscriber whose policy allows `iot:Receive` on the topic; a retained publish is stored as AWS
   * stores retained messages.
   */
  publish(
    topic: string,
    payload: Uint8Array | string,
    options?: ServicePublishOptions,
  ): Promise<void>;
  /**
   * Publishes to one connection only (fleet-provisioning answers go only to the requesting
   * connection, aws-wire.md section 2), if it is connected, subscribed to a matching filter and
   * allowed `iot:Receive`. Resolves `false` when it was not delivered.
   */
  sendToClient(
    clientId: string,
    topic: string,
    payload: Uint8Array | string,
    options?: ServicePublishOptions,
  ): Promise<boolean>;
  /**
   * Registers a handler for client publishes on topics matching `filter` (MQTT wildcards), called
   * after the publish was authorized: MQTT publishes of any connection and publishes made with
   * `publish(..., { publisher })` (the HTTPS data plane) alike. Handler errors are logged, never
   * crash the broker. Returns the function that removes the handler.
   */
  handle(filter: string, handler: (message: InboundMessage) => void | Promise<void>): () => void;
}
