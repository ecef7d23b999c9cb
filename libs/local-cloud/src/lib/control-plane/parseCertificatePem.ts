import { parseCertificate, type ParsedCertificate } from '@iot-gateway-net/pki';
import { awsException } from './awsException.js';
import { pkiFailure } from './pkiFailure.js';

/**
 * Parses a certificate given to a register operation and checks that it is valid at `now`.
 *
 * @throws {LocalCloudError} CertificateValidationException for a malformed certificate or one
 *   outside its validity period (AWS refuses both).
 */
export function parseCertificatePem(pem: string, field: string, now: number): ParsedCertificate {
  let parsed: ParsedCertificate;
  try {
    parsed = parseCertificate(pem);
  } catch (error) {
    throw pkiFailure(error, 'CertificateValidationException', field);
  }
  if (now < parsed.notBefore.getTime() || now > parsed.notAfter.getTime()) {
    throw awsException(
      'CertificateValidationException',
      `Unexpected ${field}: valid from ${parsed.notBefore.toISOString()} to ${parsed.notAfter.toISOString()}, expected a certificate valid now (${new Date(now).toISOString()})`,
    );
  }
  return parsed;
}
