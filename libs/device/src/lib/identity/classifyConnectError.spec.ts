import { classifyConnectError } from './classifyConnectError.js';

function withCode(code: number | string): Error {
  return Object.assign(new Error('x'), { code });
}

describe('classifyConnectError', () => {
  it('reads CONNACK 4/5 and client-certificate TLS alerts as notAuthorized', () => {
    expect(classifyConnectError(withCode(5))).toBe('notAuthorized');
    expect(classifyConnectError(withCode(4))).toBe('notAuthorized');
    expect(classifyConnectError(withCode('ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED'))).toBe(
      'notAuthorized',
    );
    expect(classifyConnectError(withCode('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'))).toBe(
      'notAuthorized',
    );
  });

  it('reads OpenSSL refusing the local key as credentialUnreadable', () => {
    expect(classifyConnectError(withCode('ERR_OSSL_X509_KEY_VALUES_MISMATCH'))).toBe(
      'credentialUnreadable',
    );
  });

  it('leaves network, server-certificate and other CONNACK errors to retry', () => {
    for (const code of [3, 2, 'ECONNREFUSED', 'CERT_HAS_EXPIRED', 'ERR_SSL_WRONG_VERSION_NUMBER']) {
      expect(classifyConnectError(withCode(code))).toBe('error');
    }
    expect(classifyConnectError('boom')).toBe('error');
  });
});
