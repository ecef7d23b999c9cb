import { AsnConvert } from '@peculiar/asn1-schema';
import { Validity } from '@peculiar/asn1-x509';
import type { NativeSigner } from '../crypto/types.js';
import { PkiError } from '../errors/PkiError.js';
import { derTlv } from './derTlv.js';
import type { CertificateFields } from './schemas.js';

// RFC 5280 4.1.2.5: UTCTime through 2049 (which @peculiar/asn1-x509's Time picks), GeneralizedTime
// from 2050; UTCTime cannot say 19xx before 1950.
const FIRST_UTC_TIME_YEAR = 1950;
// X.690 8.14 / RFC 5280 4.1: universal SEQUENCE, INTEGER and BIT STRING, and the [0] and [3]
// EXPLICIT context tags of TBSCertificate's version and extensions.
const SEQUENCE = 0x30;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const VERSION_TAG = 0xa0;
const EXTENSIONS_TAG = 0xa3;
// version [0] EXPLICIT INTEGER v3(2).
const VERSION_V3 = derTlv(VERSION_TAG, derTlv(INTEGER, new Uint8Array([2])));
// A BIT STRING's first content octet: no unused bits (X.690 8.6.2.2).
const NO_UNUSED_BITS = new Uint8Array([0]);

function derOf(value: object): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(value));
}

// The DER of values that repeat from certificate to certificate (a CA's issuer name, its signature
// AlgorithmIdentifier, the constant extensions of leafExtensions): serialized once per object.
// The objects are never changed after they are built.
const repeatedDer = new WeakMap<object, Uint8Array>();
function derOfRepeated(value: object): Uint8Array {
  let der = repeatedDer.get(value);
  if (der === undefined) {
    der = derOf(value);
    repeatedDer.set(value, der);
  }
  return der;
}

/**
 * Encodes an X.509 v3 certificate (RFC 5280 4.1) with @peculiar/asn1-x509 and signs it with
 * `node:crypto`. The TBSCertificate is byte for byte what @peculiar/x509's `X509CertificateGenerator`
 * writes for the same fields (its serial number rules, UTCTime/GeneralizedTime choice and field
 * order), without the WebCrypto round trips and certificate re-parsing around it. Each field is
 * serialized by @peculiar/asn1-x509 and the SEQUENCEs around them are assembled here, so that the
 * TBSCertificate is serialized once (it is both signed and embedded) and the parts that repeat
 * (issuer, algorithm, constant extensions) are serialized once per CA: a fleet-provisioning storm
 * pays this once per robot.
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
  const algorithm = derOfRepeated(signer.algorithm.identifier);
  const tbsCertificate = derTlv(
    SEQUENCE,
    VERSION_V3,
    derTlv(INTEGER, serial),
    algorithm,
    derOfRepeated(fields.issuer),
    derOf(new Validity({ notBefore: fields.notBefore, notAfter: fields.notAfter })),
    derOf(fields.subject),
    derOf(fields.spki),
    derTlv(EXTENSIONS_TAG, derTlv(SEQUENCE, ...fields.extensions.map(derOfRepeated))),
  );
  const signatureValue = signer.sign(tbsCertificate);
  const certificate = derTlv(
    SEQUENCE,
    tbsCertificate,
    algorithm,
    derTlv(BIT_STRING, NO_UNUSED_BITS, signatureValue),
  );
  return {
    der: certificate,
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
