import type { AlgorithmIdentifier } from '@peculiar/asn1-x509';

/** A signature algorithm this library signs and verifies with `node:crypto` directly. */
export interface NativeSignatureAlgorithm {
  /** WebCrypto name and hash, written as in `SUPPORTED_SIGNATURE_ALGORITHMS` (`'ECDSA/SHA-256'`). */
  readonly name: string;
  /** The key type it needs, as `KeyObject.asymmetricKeyType` names it. */
  readonly keyType: 'ec' | 'rsa';
  /** The digest, as `node:crypto` names it. */
  readonly hash: 'sha256' | 'sha384' | 'sha512';
  /** The AlgorithmIdentifier certificates and CSRs carry for it. */
  readonly identifier: AlgorithmIdentifier;
}

/** Signs with one key and one {@link NativeSignatureAlgorithm}. */
export interface NativeSigner {
  readonly algorithm: NativeSignatureAlgorithm;
  /** The signature of `data`: DER `Ecdsa-Sig-Value` for ECDSA, PKCS #1 v1.5 for RSA. */
  sign(data: Uint8Array): Uint8Array;
}
