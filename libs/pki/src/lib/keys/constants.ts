import { OIDS } from '../der/constants.js';
import type { SupportedCurve } from './schemas.js';

/** The NIST curves of `SUPPORTED_CURVES` by encoded OID, with the size of one point coordinate. */
export const NAMED_CURVES: readonly {
  readonly name: SupportedCurve;
  readonly oid: Uint8Array;
  readonly coordinateBytes: number;
}[] = [
  { name: 'P-256', oid: OIDS.p256, coordinateBytes: 32 },
  { name: 'P-384', oid: OIDS.p384, coordinateBytes: 48 },
  { name: 'P-521', oid: OIDS.p521, coordinateBytes: 66 },
];
