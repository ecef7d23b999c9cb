/** Identifier octets of the ASN.1 types this library encodes and reads by hand (X.690). */
export const DER_TAGS = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  objectIdentifier: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
  /** `[0]` constructed: the certificate version, the CSR attributes, an AKI's keyIdentifier set. */
  context0: 0xa0,
  /** `[3]` constructed: the certificate extensions. */
  context3: 0xa3,
  /** `[0]` primitive: an AuthorityKeyIdentifier's keyIdentifier. */
  implicit0: 0x80,
} as const;

const oid = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));

/** Encoded OBJECT IDENTIFIER elements (tag, length, value) of the identifiers used here. */
export const OIDS = {
  /** 1.2.840.10045.2.1 (RFC 5480) */
  ecPublicKey: oid('06072a8648ce3d0201'),
  /** 1.2.840.10045.3.1.7, secp256r1 (RFC 5480) */
  p256: oid('06082a8648ce3d030107'),
  /** 1.3.132.0.34, secp384r1 */
  p384: oid('06052b81040022'),
  /** 1.3.132.0.35, secp521r1 */
  p521: oid('06052b81040023'),
  /** 1.2.840.113549.1.1.1 (RFC 8017) */
  rsaEncryption: oid('06092a864886f70d010101'),
  /** 1.2.840.113549.1.1.11 */
  sha256WithRsaEncryption: oid('06092a864886f70d01010b'),
  /** 1.2.840.113549.1.1.12 */
  sha384WithRsaEncryption: oid('06092a864886f70d01010c'),
  /** 1.2.840.113549.1.1.13 */
  sha512WithRsaEncryption: oid('06092a864886f70d01010d'),
  /** 1.2.840.10045.4.3.2 (RFC 5758) */
  ecdsaWithSha256: oid('06082a8648ce3d040302'),
  /** 1.2.840.10045.4.3.3 */
  ecdsaWithSha384: oid('06082a8648ce3d040303'),
  /** 1.2.840.10045.4.3.4 */
  ecdsaWithSha512: oid('06082a8648ce3d040304'),
  /** 2.5.4.3 */
  commonName: oid('0603550403'),
  /** 2.5.4.6 */
  country: oid('0603550406'),
  /** 2.5.4.10 */
  organization: oid('060355040a'),
  /** 2.5.29.14 (RFC 5280 4.2.1.2) */
  subjectKeyIdentifier: oid('0603551d0e'),
  /** 2.5.29.15 (RFC 5280 4.2.1.3) */
  keyUsage: oid('0603551d0f'),
  /** 2.5.29.19 (RFC 5280 4.2.1.9) */
  basicConstraints: oid('0603551d13'),
  /** 2.5.29.35 (RFC 5280 4.2.1.1) */
  authorityKeyIdentifier: oid('0603551d23'),
  /** 2.5.29.37 (RFC 5280 4.2.1.12) */
  extendedKeyUsage: oid('0603551d25'),
  /** 1.3.6.1.5.5.7.3.1 */
  serverAuth: oid('06082b06010505070301'),
  /** 1.3.6.1.5.5.7.3.2 */
  clientAuth: oid('06082b06010505070302'),
} as const;
