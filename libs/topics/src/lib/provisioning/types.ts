/** Payload encodings of the fleet provisioning MQTT API; answers come in the request's format. */
export const PAYLOAD_FORMATS = ['json', 'cbor'] as const;

/** `json` or `cbor`. */
export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number];

/** The two answer topics of every fleet provisioning operation. */
export const PROVISIONING_REPLIES = ['accepted', 'rejected'] as const;

/** `accepted` or `rejected`. */
export type ProvisioningReply = (typeof PROVISIONING_REPLIES)[number];

/**
 * The fleet provisioning MQTT operations (AWS IoT Developer Guide, "Device provisioning MQTT API").
 */
export type ProvisioningOperation =
  | 'CreateKeysAndCertificate'
  | 'CreateCertificateFromCsr'
  | 'RegisterThing';

/**
 * A fleet provisioning topic as {@link parseProvisioningTopic} reads it. `reply` is absent on the
 * request topic; `templateName` is set for RegisterThing only.
 */
export type ProvisioningTopic =
  | {
      operation: 'CreateKeysAndCertificate' | 'CreateCertificateFromCsr';
      format: PayloadFormat;
      reply?: ProvisioningReply;
      templateName?: undefined;
    }
  | {
      operation: 'RegisterThing';
      format: PayloadFormat;
      reply?: ProvisioningReply;
      templateName: string;
    };
