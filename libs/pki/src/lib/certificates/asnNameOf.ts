import { AsnConvert } from '@peculiar/asn1-schema';
import { Name } from '@peculiar/asn1-x509';
import { x509 } from '../crypto/x509.js';
import { plainAsnNameOf } from './plainAsnNameOf.js';

/**
 * An X.509 Name given in @peculiar/x509's JSON form (`[{ CN: ['robot-001'] }]`: one object per RDN)
 * as the @peculiar/asn1-x509 `Name` that encodes byte for byte as that library's `x509.Name`. `C`,
 * `O` and `CN` with plain values are built directly (`plainAsnNameOf`), skipping the JSON parsing of
 * `x509.Name`; anything else is handed to it.
 *
 * @throws what @peculiar/x509 throws for an attribute type it does not know.
 */
export function asnNameOf(name: x509.JsonName): Name {
  return plainAsnNameOf(name) ?? AsnConvert.parse(new x509.Name(name).toArrayBuffer(), Name);
}
