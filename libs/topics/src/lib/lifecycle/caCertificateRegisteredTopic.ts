import { assertCertificateId } from '../names/assertCertificateId.js';

/**
 * Just-in-time registration topic `$aws/events/certificates/registered/<caCertificateId>`, on
 * which AWS IoT announces a device certificate it auto-registered under that CA (AWS IoT Developer
 * Guide, "Just-in-time registration").
 *
 * @throws {TopicError} `INVALID_CERTIFICATE_ID` unless `caCertificateId` is 64 lowercase hex.
 */
export function caCertificateRegisteredTopic(caCertificateId: string): string {
  assertCertificateId(caCertificateId);
  return `$aws/events/certificates/registered/${caCertificateId}`;
}
