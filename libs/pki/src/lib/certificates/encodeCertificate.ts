import type { NativeSigner } from '../crypto/types.js';
import { DER_TAGS } from '../der/constants.js';
import { encodeDer } from '../der/encodeDer.js';
import { PkiError } from '../errors/PkiError.js';
import type { CertificateFields } from './schemas.js';

const VERSION_3 = encodeDer(DER_TAGS.context0, new Uint8Array([DER_TAGS.integer, 1, 2]));
// RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; UTCTime cannot say 19xx
// before 1950.
const FIRST_UTC_TIME_YEAR = 1950;
const LAST_UTC_TIME_YEAR = 2049;

/**
 * Encodes and signs an X.509 v3 certificate (RFC 5280 4.1) with `node:crypto`. The TBSCertificate is
 * byte for byte what @peculiar/x509's `X509CertificateGenerator` writes for the same fields (its
 * serial number rules, UTCTime/GeneralizedTime choice and field order), without the cost of its ASN.1
 * schema, which is several times that of the signature.
 *
 * @returns the DER and the serial number (as `serialNumberOf` reads it back) and validity as the
 *   certificate states them.
 * @throws {PkiError} `INVALID_ARGUMENT` for a time before 1950, which X.509's UTCTime cannot carry.
 */
export function encodeCertificate(
  fields: CertificateFields,
  signer: NativeSigner,
): { der: Uint8Array; serialNumber: string; notBefore: Date; notAfter: Date } {
  const serial = positiveIntegerOctets(fields.serialNumber);
  const tbs = encodeDer(
    DER_TAGS.sequence,
    VERSION_3,
    encodeDer(DER_TAGS.integer, serial),
    signer.algorithm.identifier,
    fields.issuerDer,
    encodeDer(DER_TAGS.sequence, encodeTime(fields.notBefore), encodeTime(fields.notAfter)),
    fields.subjectDer,
    fields.spki,
    encodeDer(DER_TAGS.context3, encodeDer(DER_TAGS.sequence, ...fields.extensions)),
  );
  const der = encodeDer(
    DER_TAGS.sequence,
    tbs,
    signer.algorithm.identifier,
    encodeDer(DER_TAGS.bitString, new Uint8Array([0]), signer.sign(tbs)),
  );
  return {
    der,
    serialNumber: Buffer.from(serial[0] === 0 && serial.length > 1 ? serial.subarray(1) : serial)
      .toString('hex')
      .replace(/^(?:00)+(?=..)/, ''),
    notBefore: wholeSeconds(fields.notBefore),
    notAfter: wholeSeconds(fields.notAfter),
  };
}

/** A positive INTEGER's content octets: no leading zero octets, a 0x00 sign octet before a high bit. */
function positiveIntegerOctets(hex: string): Uint8Array {
  const bytes = Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex');
  let first = 0;
  while (first < bytes.length - 1 && bytes[first] === 0) {
    first += 1;
  }
  const magnitude = bytes.subarray(first);
  return (magnitude[0] ?? 0) > 0x7f ? new Uint8Array([0, ...magnitude]) : new Uint8Array(magnitude);
}

function encodeTime(date: Date): Uint8Array {
  const year = date.getUTCFullYear();
  if (year < FIRST_UTC_TIME_YEAR) {
    throw new PkiError(
      'INVALID_ARGUMENT',
      `Unexpected certificate time ${date.toISOString()}, expected one from ${FIRST_UTC_TIME_YEAR} on`,
    );
  }
  const two = (n: number) => String(n).padStart(2, '0');
  const rest = `${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
  return year > LAST_UTC_TIME_YEAR
    ? encodeDer(DER_TAGS.generalizedTime, Buffer.from(`${year}${rest}`, 'latin1'))
    : encodeDer(DER_TAGS.utcTime, Buffer.from(`${two(year % 100)}${rest}`, 'latin1'));
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
