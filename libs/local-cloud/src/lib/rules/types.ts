/**
 * The event an AWS IoT rule hands its action, as the rule SQL
 * `SELECT *, topic() AS topic, clientid() AS clientId, principal() AS principal,
 * timestamp() AS timestamp FROM '<filter>'` builds it (AWS IoT Developer Guide, "AWS IoT SQL
 * reference", functions topic(), clientid(), principal(), timestamp()): the JSON payload's fields
 * plus the envelope, for MQTT and HTTPS publishes alike.
 */
export interface RuleEvent extends Record<string, unknown> {
  topic: string;
  /** The MQTT client id; `n/a` for a publish that did not come over MQTT (HTTPS), as clientid() gives. */
  clientId: string;
  /**
   * principal(): the certificate id for a client certificate (MQTT or HTTPS). For SigV4 AWS gives
   * the IAM user or role id, which the local cloud does not have: it gives the Cognito identity id,
   * or else the access key id.
   */
  principal: string;
  /** Epoch milliseconds when the broker received the message. */
  timestamp: number;
}

/** What a rule's action may ask the local cloud to publish (AWS: a Lambda calling Publish). */
export interface RuleOutput {
  topic: string;
  payload: unknown;
}

/**
 * A rule: client publishes on topics matching `topicFilter` (MQTT wildcards) with a JSON object
 * payload are handed to `action` — in the local cloud a function of `@iot-gateway-net/cloud-functions`,
 * on AWS the same function deployed as the rule's Lambda action.
 */
export interface LocalRule {
  name: string;
  topicFilter: string;
  action: (event: RuleEvent) => Promise<RuleOutput | void> | RuleOutput | void;
}
