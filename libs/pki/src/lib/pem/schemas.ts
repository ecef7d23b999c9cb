/** One PEM block: its label and its base64 body with all whitespace removed. */
export interface PemBlock {
  /** The label between `BEGIN ` and `-----`, e.g. `CERTIFICATE` or `PRIVATE KEY`. */
  readonly type: string;
  /** The body as one base64 string without line breaks. */
  readonly base64: string;
}

/** Labels used by this library (RFC 7468 and OpenSSL's legacy names). */
export const PEM_LABELS = {
  certificate: 'CERTIFICATE',
  certificateRequest: 'CERTIFICATE REQUEST',
  legacyCertificateRequest: 'NEW CERTIFICATE REQUEST',
  privateKey: 'PRIVATE KEY',
  encryptedPrivateKey: 'ENCRYPTED PRIVATE KEY',
  ecPrivateKey: 'EC PRIVATE KEY',
  rsaPrivateKey: 'RSA PRIVATE KEY',
  publicKey: 'PUBLIC KEY',
} as const;

/** RFC 7468 `label`: printable ASCII without `-`, single `-` or space allowed between characters. */
export const PEM_LABEL_PATTERN = /^[\x21-\x2c\x2e-\x7e](?:[- ]?[\x21-\x2c\x2e-\x7e])*$/;
