import { ECParameters, id_secp256r1, id_secp384r1, id_secp521r1 } from '@peculiar/asn1-ecc';
import { AsnConvert } from '@peculiar/asn1-schema';
import type { SupportedCurve } from './schemas.js';

const namedCurve = (name: SupportedCurve, oid: string, coordinateBytes: number) => ({
  name,
  oid,
  parameters: new Uint8Array(AsnConvert.serialize(new ECParameters({ namedCurve: oid }))),
  coordinateBytes,
});

/**
 * The NIST curves of `SUPPORTED_CURVES` (RFC 5480 2.1.1.1): OID, the encoded ECParameters an
 * id-ecPublicKey AlgorithmIdentifier carries for it, and the size of one point coordinate.
 */
export const NAMED_CURVES: readonly {
  readonly name: SupportedCurve;
  readonly oid: string;
  readonly parameters: Uint8Array;
  readonly coordinateBytes: number;
}[] = [
  namedCurve('P-256', id_secp256r1, 32),
  namedCurve('P-384', id_secp384r1, 48),
  namedCurve('P-521', id_secp521r1, 66),
];
