/** Why a topic, name or payload was refused. */
export type TopicErrorCode =
  | 'INVALID_THING_NAME'
  | 'INVALID_SHADOW_NAME'
  | 'INVALID_CLIENT_ID'
  | 'INVALID_TOPIC'
  | 'INVALID_TOPIC_FILTER'
  | 'INVALID_TEMPLATE_NAME'
  | 'INVALID_COMMAND'
  | 'INVALID_CERTIFICATE_ID'
  | 'INVALID_PAYLOAD';

/**
 * The one error class of `@iot-gateway-net/topics`. Its message names the value received and the
 * value expected; `cause` carries the underlying error (for example the zod error of a payload).
 */
export class TopicError extends Error {
  override readonly name = 'TopicError' as const;
  readonly code: TopicErrorCode;

  constructor(code: TopicErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
