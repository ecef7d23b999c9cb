import type { FailureReason } from '@iot-gateway-net/rotation';

// CONNACK return codes of MQTT 3.1.1: 4 "bad user name or password", 5 "not authorized". AWS IoT
// answers 5 to a certificate it does not accept (unknown, inactive, revoked, expired, no policy).
const REFUSED_RETURN_CODES = new Set([4, 5]);

// TLS alerts from the server that blame the client certificate (RFC 8446 §6.2, RFC 5246 §7.2.2);
// AWS IoT may fail the handshake itself instead of answering CONNACK 5.
const CLIENT_CERTIFICATE_ALERT =
  /^ERR_SSL_(?:SSLV3|TLSV1|TLSV13)_ALERT_(?:BAD_CERTIFICATE|UNSUPPORTED_CERTIFICATE|CERTIFICATE_REVOKED|CERTIFICATE_EXPIRED|CERTIFICATE_UNKNOWN|UNKNOWN_CA|ACCESS_DENIED|CERTIFICATE_REQUIRED)$/;

// OpenSSL refusing our own files while building the TLS context: the credential is unusable.
const LOCAL_CREDENTIAL_ERROR = /^ERR_OSSL_(?:X509_KEY_VALUES_MISMATCH|PEM_|EVP_|ASN1_)/;

/**
 * Maps an error of an MQTT over TLS connection attempt to the rotation machine's failure reason:
 * CONNACK 4/5 or a TLS alert about the client certificate → `notAuthorized`; OpenSSL refusing the
 * local certificate or key → `credentialUnreadable`; anything else (network, server certificate,
 * timeout) → `error`, which only retries.
 */
export function classifyConnectError(error: unknown): FailureReason {
  if (typeof error !== 'object' || error === null) return 'error';
  const code = 'code' in error ? error.code : undefined;
  if (typeof code === 'number') return REFUSED_RETURN_CODES.has(code) ? 'notAuthorized' : 'error';
  if (typeof code === 'string') {
    if (CLIENT_CERTIFICATE_ALERT.test(code)) return 'notAuthorized';
    if (LOCAL_CREDENTIAL_ERROR.test(code)) return 'credentialUnreadable';
  }
  return 'error';
}
