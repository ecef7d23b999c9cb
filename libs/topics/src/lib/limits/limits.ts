/**
 * AWS IoT Core limits this project designs against, in one place so every lib and the local cloud
 * agree. Sources: AWS General Reference "AWS IoT Core endpoints and quotas" (message broker and
 * Device Shadow sections) and the AWS IoT Developer Guide "Device Shadow service documents".
 * Sizes are bytes of UTF-8 unless the name says otherwise.
 */
export const AWS_IOT_LIMITS = Object.freeze({
  /** Topic name or filter, in UTF-8 bytes (a Basic Ingest `$aws/rules/<rule>/` prefix excluded). */
  topicBytes: 256,
  /** Forward slashes in a topic name or filter (the `$aws/rules/<rule>/` prefix excluded). */
  topicSlashes: 7,
  /** PUBLISH payload: 128 KiB. */
  payloadBytes: 128 * 1024,
  /** MQTT client id, in UTF-8 bytes. */
  clientIdBytes: 128,
  /** Topic filters in one SUBSCRIBE packet. */
  filtersPerSubscribe: 8,
  /** Subscriptions held by one connection. */
  subscriptionsPerConnection: 50,
  /** Inbound PUBLISH requests per second per connection. */
  publishesPerSecondPerConnection: 100,
  /** Inbound throughput per connection, in KiB per second. */
  kibPerSecondPerConnection: 512,
  /** Unacknowledged QoS 1 messages in flight, each way, per connection. */
  inFlightQos1PerConnection: 100,
  /** CONNECT requests per second per client id. */
  connectsPerSecondPerClientId: 1,
  /** Smallest keepalive AWS honours, in seconds (smaller requests are raised to it). */
  keepAliveMinSeconds: 30,
  /** Largest keepalive, in seconds (0 or larger requests are lowered to it). */
  keepAliveMaxSeconds: 1200,
  /** Persistent session expiry, in seconds (default). */
  persistentSessionExpirySeconds: 3600,
  /** Stored shadow state (desired + reported, metadata excluded): 8 KiB. */
  shadowDocumentBytes: 8 * 1024,
  /** Nesting levels of `desired` / `reported`. */
  shadowDepth: 6,
  /** In-flight shadow requests per connection before 429. */
  shadowInFlightRequests: 10,
  /** Shadow `clientToken`, in UTF-8 bytes. */
  clientTokenBytes: 64,
  /** Named shadow name, in bytes. */
  shadowNameBytes: 64,
  /** Thing name, in bytes. */
  thingNameBytes: 128,
  /** Provisioning template name, in characters. */
  templateNameLength: 36,
} as const);
