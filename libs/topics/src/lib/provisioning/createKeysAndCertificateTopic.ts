import { formatAndReplySuffix } from '../internal/formatAndReplySuffix.js';
import type { PayloadFormat, ProvisioningReply } from './types.js';

/**
 * CreateKeysAndCertificate topic: `$aws/certificates/create/<format>` to ask, with `reply` the
 * answer topic `.../accepted` or `.../rejected` (AWS IoT Developer Guide, "Device provisioning MQTT
 * API").
 *
 * @throws {TopicError} `INVALID_TOPIC` for an unknown `format` or `reply`.
 */
export function createKeysAndCertificateTopic(
  format: PayloadFormat,
  reply?: ProvisioningReply,
): string {
  return `$aws/certificates/create/${formatAndReplySuffix(format, reply)}`;
}
