/**
 * What went wrong, as a stable string a caller can switch on.
 *
 * - `MALFORMED_PEM`: text that is not PEM, a PEM block of the wrong type, or base64 that does not decode.
 * - `MALFORMED_CSR` / `MALFORMED_CERTIFICATE` / `MALFORMED_KEY`: the DER inside does not parse as one.
 * - `UNSUPPORTED_KEY`: a key AWS IoT would refuse (RSA below 2048 bits, a curve other than NIST P-256/P-384/P-521,
 *   Ed25519, DSA, an encrypted private key, ...).
 * - `UNSUPPORTED_ALGORITHM`: a signature algorithm other than SHA-256/384/512 with RSA or ECDSA.
 * - `INVALID_SIGNATURE`: a CSR whose self-signature does not verify.
 * - `KEY_MISMATCH`: a private key that does not belong to the certificate it is paired with.
 * - `NOT_A_CA`: a certificate loaded as a CA that lacks `basicConstraints cA=TRUE`.
 * - `CA_VALIDITY_EXCEEDED`: a requested validity period that falls outside the issuing CA's own.
 * - `INVALID_ARGUMENT`: options that fail validation (lifetimes, names, serial numbers, file modes).
 * - `INSECURE_PERMISSIONS`: a secret file readable or writable by group or others.
 * - `NOT_FOUND`: a secret file that does not exist.
 * - `IO`: any other file-system failure.
 */
export type PkiErrorCode =
  | 'MALFORMED_PEM'
  | 'MALFORMED_CSR'
  | 'MALFORMED_CERTIFICATE'
  | 'MALFORMED_KEY'
  | 'UNSUPPORTED_KEY'
  | 'UNSUPPORTED_ALGORITHM'
  | 'INVALID_SIGNATURE'
  | 'KEY_MISMATCH'
  | 'NOT_A_CA'
  | 'CA_VALIDITY_EXCEEDED'
  | 'INVALID_ARGUMENT'
  | 'INSECURE_PERMISSIONS'
  | 'NOT_FOUND'
  | 'IO';

/**
 * The only error this library throws on purpose.
 *
 * Messages name what was received and what was expected, but never contain key or certificate material:
 * they describe input by kind and length (`received 1234 characters`), never by content.
 */
export class PkiError extends Error {
  override readonly name = 'PkiError' as const;
  readonly code: PkiErrorCode;

  constructor(code: PkiErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
