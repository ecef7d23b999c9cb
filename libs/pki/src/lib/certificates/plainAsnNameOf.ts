import {
  AttributeTypeAndValue,
  AttributeValue,
  Name,
  RelativeDistinguishedName,
} from '@peculiar/asn1-x509';
import type { x509 } from '../crypto/x509.js';

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
 * The fast path of `asnNameOf`, without @peculiar/x509 (so that a device's CSR does not load it):
 * a Name of `C`, `O` and `CN` attributes with plain values, built directly as the @peculiar/asn1-x509
 * `Name` that encodes byte for byte as @peculiar/x509's `x509.Name` would.
 *
 * @returns the Name, or `undefined` for any other attribute type or a value @peculiar/x509 rewrites
 *   (quoted, backslash-escaped, `#` + hex); `asnNameOf` hands those to @peculiar/x509.
 */
export function plainAsnNameOf(name: x509.JsonName): Name | undefined {
  const rdns: RelativeDistinguishedName[] = [];
  for (const rdn of name) {
    const attributes: AttributeTypeAndValue[] = [];
    for (const [type, values] of Object.entries(rdn)) {
      const oid = ATTRIBUTE_TYPES[type];
      for (const value of values) {
        if (oid === undefined || REWRITTEN.test(value)) {
          return undefined;
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
