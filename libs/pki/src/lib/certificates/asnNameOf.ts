import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AttributeTypeAndValue,
  AttributeValue,
  Name,
  RelativeDistinguishedName,
} from '@peculiar/asn1-x509';
import { x509 } from '../crypto/x509.js';

/** RFC 5280 appendix A.1: id-at-countryName, id-at-organizationName, id-at-commonName. */
const ATTRIBUTE_TYPES: Readonly<Record<string, string>> = {
  C: '2.5.4.6',
  O: '2.5.4.10',
  CN: '2.5.4.3',
};
// @peculiar/x509 writes a value as PrintableString when its characters allow, else UTF8String.
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
// Values @peculiar/x509 rewrites before encoding: quoted, backslash-escaped, or `#` + hex.
const REWRITTEN = /["\\]|^#/;

/**
 * An X.509 Name given in @peculiar/x509's JSON form (`[{ CN: ['robot-001'] }]`: one object per RDN)
 * as the @peculiar/asn1-x509 `Name` that encodes byte for byte as that library's `x509.Name`. `C`,
 * `O` and `CN` with plain values are built directly, skipping the JSON parsing of `x509.Name`;
 * anything else is handed to it.
 *
 * @throws what @peculiar/x509 throws for an attribute type it does not know.
 */
export function asnNameOf(name: x509.JsonName): Name {
  const rdns: RelativeDistinguishedName[] = [];
  for (const rdn of name) {
    const attributes: AttributeTypeAndValue[] = [];
    for (const [type, values] of Object.entries(rdn)) {
      const oid = ATTRIBUTE_TYPES[type];
      for (const value of values) {
        if (oid === undefined || REWRITTEN.test(value)) {
          return AsnConvert.parse(new x509.Name(name).toArrayBuffer(), Name);
        }
        attributes.push(
          new AttributeTypeAndValue({
            type: oid,
            value: new AttributeValue(
              PRINTABLE.test(value) ? { printableString: value } : { utf8String: value },
            ),
          }),
        );
      }
    }
    rdns.push(new RelativeDistinguishedName(attributes));
  }
  return new Name(rdns);
}
