import { DER_TAGS, OIDS } from '../der/constants.js';
import { encodeDer } from '../der/encodeDer.js';
import { x509 } from '../crypto/x509.js';

const ATTRIBUTE_TYPES: Readonly<Record<string, Uint8Array>> = {
  C: OIDS.country,
  O: OIDS.organization,
  CN: OIDS.commonName,
};
// @peculiar/x509 writes a value as PrintableString when its characters allow, else UTF8String.
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
// Values @peculiar/x509 rewrites before encoding: quoted, backslash-escaped, or `#` + hex.
const REWRITTEN = /["\\]|^#/;
const encoder = new TextEncoder();

/**
 * The DER of an X.509 Name given in @peculiar/x509's JSON form (`[{ CN: ['robot-001'] }]`: one
 * object per RDN), byte for byte what that library encodes. `C`, `O` and `CN` with plain values are
 * encoded here, which costs a fraction of the library's ASN.1 schema; anything else is handed to it.
 *
 * @throws what @peculiar/x509 throws for an attribute type it does not know.
 */
export function encodeNameDer(name: x509.JsonName): Uint8Array {
  const rdns: Uint8Array[] = [];
  for (const rdn of name) {
    const attributes: Uint8Array[] = [];
    for (const [type, values] of Object.entries(rdn)) {
      const oid = ATTRIBUTE_TYPES[type];
      for (const value of values) {
        if (oid === undefined || REWRITTEN.test(value)) {
          return new Uint8Array(new x509.Name(name).toArrayBuffer());
        }
        const tag = PRINTABLE.test(value) ? DER_TAGS.printableString : DER_TAGS.utf8String;
        attributes.push(encodeDer(DER_TAGS.sequence, oid, encodeDer(tag, encoder.encode(value))));
      }
    }
    rdns.push(encodeDer(DER_TAGS.set, ...attributes));
  }
  return encodeDer(DER_TAGS.sequence, ...rdns);
}
