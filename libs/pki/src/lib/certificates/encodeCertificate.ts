import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, Extensions, TBSCertificate, Validity, Version } from '@peculiar/asn1-x509';
import type { NativeSigner } from '../crypto/types.js';
import { PkiError } from '../errors/PkiError.js';
import type { CertificateFields } from './schemas.js';

// RFC 5280 4.1.2.5: UTCTime through 2049 (which @peculiar/asn1-x509's Time picks), GeneralizedTime
// from 2050; UTCTime cannot say 19xx before 1950.
const FIRST_UTC_TIME_YEAR = 1950;

/**
 * Encodes an X.509 v3 certificate (RFC 5280 4.1) with @peculiar/asn1-x509 and signs it with
 * `node:crypto`. The TBSCertificate is byte for byte what @peculiar/x509's `X509CertificateGenerator`
 * writes for the same fields (its serial number rules, UTCTime/GeneralizedTime choice and field
 * order), without the WebCrypto round trips and certificate re-parsing around it.
 *
 * @returns the DER and the serial number (as `serialNumberOf` reads it back) and validity as the
 *   certificate states them.
 * @throws {PkiError} `INVALID_ARGUMENT` for a time before 1950, which X.509's UTCTime cannot carry.
 */
export function encodeCertificate(
  fields: CertificateFields,
  signer: NativeSigner,
): { der: Uint8Array; serialNumber: string; notBefore: Date; notAfter: Date } {
  for (const date of [fields.notBefore, fields.notAfter]) {
    if (date.getUTCFullYear() < FIRST_UTC_TIME_YEAR) {
      throw new PkiError(
        'INVALID_ARGUMENT',
        `Unexpected certificate time ${date.toISOString()}, expected one from ${FIRST_UTC_TIME_YEAR} on`,
      );
    }
  }
  const serial = positiveIntegerOctets(fields.serialNumber);
  const tbsCertificate = new TBSCertificate({
    version: Version.v3,
    serialNumber: serial.slice().buffer,
    signature: signer.algorithm.identifier,
    issuer: fields.issuer,
    validity: new Validity({ notBefore: fields.notBefore, notAfter: fields.notAfter }),
    subject: fields.subject,
    subjectPublicKeyInfo: fields.spki,
    extensions: new Extensions([...fields.extensions]),
  });
  const signatureValue = signer.sign(new Uint8Array(AsnConvert.serialize(tbsCertificate)));
  const certificate = new Certificate({
    tbsCertificate,
    signatureAlgorithm: signer.algorithm.identifier,
    signatureValue: signatureValue.slice().buffer,
  });
  return {
    der: new Uint8Array(AsnConvert.serialize(certificate)),
    serialNumber: Buffer.from(serial[0] === 0 && serial.length > 1 ? serial.subarray(1) : serial)
      .toString('hex')
      .replace(/^(?:00)+(?=..)/, ''),
    notBefore: wholeSeconds(fields.notBefore),
    notAfter: wholeSeconds(fields.notAfter),
  };
}

/**
 * A positive INTEGER's content octets as @peculiar/x509 writes a serial number: no leading zero
 * octets, a 0x00 sign octet before a high bit.
 */
function positiveIntegerOctets(hex: string): Uint8Array {
  const bytes = Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex');
  let first = 0;
  while (first < bytes.length - 1 && bytes[first] === 0) {
    first += 1;
  }
  const magnitude = bytes.subarray(first);
  return (magnitude[0] ?? 0) > 0x7f ? new Uint8Array([0, ...magnitude]) : new Uint8Array(magnitude);
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
