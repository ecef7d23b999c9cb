import { TopicError } from '../errors/TopicError.js';
import {
  PAYLOAD_FORMATS,
  PROVISIONING_REPLIES,
  type PayloadFormat,
  type ProvisioningReply,
} from '../provisioning/types.js';
import { describeReceived } from './describeReceived.js';

/** `<format>[/<reply>]`, checked at run time for callers outside TypeScript. */
export function formatAndReplySuffix(format: PayloadFormat, reply?: ProvisioningReply): string {
  if (!(PAYLOAD_FORMATS as readonly unknown[]).includes(format)) {
    throw new TopicError(
      'INVALID_TOPIC',
      `Unexpected payload format ${describeReceived(format)}, expected one of ${PAYLOAD_FORMATS.join(', ')}`,
    );
  }
  if (reply === undefined) {
    return format;
  }
  if (!(PROVISIONING_REPLIES as readonly unknown[]).includes(reply)) {
    throw new TopicError(
      'INVALID_TOPIC',
      `Unexpected provisioning reply ${describeReceived(reply)}, expected one of ${PROVISIONING_REPLIES.join(', ')}`,
    );
  }
  return `${format}/${reply}`;
}
