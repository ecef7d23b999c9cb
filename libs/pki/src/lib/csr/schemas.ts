import type { Name, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import type { PublicKeyDescription } from '../keys/schemas.js';

/** A CSR whose signature verified and whose key AWS IoT accepts. */
export interface ParsedCsr extends PublicKeyDescription {
  /** The subject as `TYPE=value` pairs in encoding order, comma separated, e.g. `C=JP, O=Example, CN=robot-001`. */
  readonly subject: string;
  /** The first CN of the subject, if any. */
  readonly commonName?: string;
  /** The CSR's DER encoding. */
  readonly der: Uint8Array;
}

/** A CSR whose signature verified and whose key AWS IoT accepts, as the CA needs it. */
export interface DecodedCsr {
  /** The CSR's DER encoding. */
  readonly der: Uint8Array;
  /** The subject, ready to be copied into a certificate. */
  readonly subject: Name;
  readonly spki: SubjectPublicKeyInfo;
  readonly key: PublicKeyDescription;
}
