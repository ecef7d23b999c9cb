/** Delivery options the provisioning client asks for: AWS IoT Core supports QoS 0 and 1 only. */
export interface QosOptions {
  readonly qos: 1;
}

/**
 * The port the provisioning client needs from an MQTT connection (usually the claim-certificate
 * session). Implement it over any MQTT client; {@link fromMqttJs} adapts MQTT.js v5.
 */
export interface ProvisioningConnection {
  /** Subscribes to `filters`; resolves once the broker confirmed them (SUBACK), rejects if any was refused. */
  subscribe(filters: string[], options: QosOptions): Promise<void>;
  /** Unsubscribes from `filters`; resolves on UNSUBACK. */
  unsubscribe(filters: string[]): Promise<void>;
  /** Publishes `payload` on `topic`; resolves once the broker acknowledged it (PUBACK for QoS 1). */
  publish(topic: string, payload: Uint8Array | string, options: QosOptions): Promise<void>;
  /** Adds a listener for every incoming PUBLISH; returns a function that removes it again. */
  onMessage(handler: (topic: string, payload: Uint8Array) => void): () => void;
}

/** One entry of a SUBACK as MQTT.js reports it: `qos` is the granted QoS or a failure code (`>= 0x80`). */
export interface MqttJsSubscriptionGrant {
  readonly topic: string;
  readonly qos: number;
}

/**
 * The part of an MQTT.js v5 `MqttClient` that {@link fromMqttJs} uses, typed structurally so this
 * library does not depend on `mqtt`.
 */
export interface MqttJsClientLike {
  subscribeAsync(topics: string[], options: { qos: 0 | 1 | 2 }): Promise<MqttJsSubscriptionGrant[]>;
  unsubscribeAsync(topics: string[]): Promise<unknown>;
  publishAsync(
    topic: string,
    message: string | Uint8Array,
    options: { qos: 0 | 1 | 2 },
  ): Promise<unknown>;
  on(event: 'message', listener: (topic: string, payload: Uint8Array) => void): unknown;
  off(event: 'message', listener: (topic: string, payload: Uint8Array) => void): unknown;
}
