import { formatAndReplySuffix } from '../internal/formatAndReplySuffix.js';
import type { PayloadFormat, ProvisioningReply } from './types.js';

/**
 * CreateCertificateFromCsr topic: `$aws/certificates/create-from-csr/<format>` to ask, with `reply`
 * the answer topic `.../accepted` or `.../rejected` (AWS IoT Developer Guide, "Device provisioning
 * MQTT API").
 *
 * @throws {TopicError} `INVALID_TOPIC` for an unknown `format` or `reply`.
 */
export function createCertificateFromCsrTopic(
  format: PayloadFormat,
  reply?: ProvisioningReply,
): string {
  return `$aws/certificates/create-from-csr/${formatAndReplySuffix(format, reply)}`;
}
