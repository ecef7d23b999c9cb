import { X509Certificate } from 'node:crypto';
import type { PseudoParameter } from '@iot-gateway-net/provisioning-templates';
import { LocalCloudError } from '../errors/LocalCloudError.js';

/**
 * Subject attributes JITP reads, by the short names OpenSSL (and so `X509Certificate#subject`)
 * prints: `serialNumber` is the subject's serialNumber attribute (2.5.4.5), not the certificate's
 * serial number — AWS takes every value "from the subject field of the certificate".
 */
const SUBJECT_ATTRIBUTES: Readonly<Record<string, PseudoParameter>> = {
  C: 'AWS::IoT::Certificate::Country',
  O: 'AWS::IoT::Certificate::Organization',
  OU: 'AWS::IoT::Certificate::OrganizationalUnit',
  dnQualifier: 'AWS::IoT::Certificate::DistinguishedNameQualifier',
  ST: 'AWS::IoT::Certificate::StateName',
  CN: 'AWS::IoT::Certificate::CommonName',
  serialNumber: 'AWS::IoT::Certificate::SerialNumber',
};

/**
 * The `AWS::IoT::Certificate::*` pseudo-parameters of a device certificate for a JITP template
 * (AWS IoT Developer Guide, "Just-in-time provisioning"): `Id` is the certificate id AWS IoT gives
 * it; `CommonName`, `Country`, `Organization`, `OrganizationalUnit`, `DistinguishedNameQualifier`,
 * `StateName` and `SerialNumber` come from the subject, the first value when an attribute repeats.
 * Attributes the subject lacks are absent, so a template that declares them fails to evaluate, as
 * AWS's provisioning does.
 *
 * @throws {LocalCloudError} `INVALID_REQUEST` when `certificateDer` is not a certificate.
 */
export function certificatePseudoParameters(
  certificateDer: Uint8Array,
  certificateId: string,
): Record<string, string> {
  let subject: string;
  try {
    subject = new X509Certificate(certificateDer).subject;
  } catch (error) {
    throw new LocalCloudError(
      'INVALID_REQUEST',
      `Unexpected certificate ${certificateId}: ${(error as Error).message}, expected a DER X.509 certificate`,
      { cause: error },
    );
  }
  const values: Record<string, string> = { 'AWS::IoT::Certificate::Id': certificateId };
  // One relative distinguished name per line; " + " joins the attributes of a multi-valued one
  // (a "+" inside a value is escaped, so the split is safe).
  for (const line of subject.split('\n')) {
    for (const attribute of line.split(' + ')) {
      const equals = attribute.indexOf('=');
      if (equals <= 0) continue;
      const parameter = SUBJECT_ATTRIBUTES[attribute.slice(0, equals)];
      if (parameter !== undefined && !(parameter in values)) {
        values[parameter] = unescapeValue(attribute.slice(equals + 1));
      }
    }
  }
  return values;
}

/** Undoes OpenSSL's RFC 2253 escaping: `\,` and friends, and `\XX` for control characters. */
function unescapeValue(value: string): string {
  return value.replace(
    /\\([0-9A-Fa-f]{2})|\\(.)/g,
    (_match, hex: string | undefined, char: string) =>
      hex === undefined ? char : String.fromCharCode(parseInt(hex, 16)),
  );
}
