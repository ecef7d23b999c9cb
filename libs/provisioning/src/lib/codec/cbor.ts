import { Encoder } from 'cbor-x';

/**
 * The CBOR codec for provisioning payloads: plain CBOR maps with text keys, no cbor-x record
 * extension (AWS would not understand it), shortest map-length encoding.
 */
export const cborCodec = new Encoder({
  useRecords: false,
  mapsAsObjects: true,
  variableMapSize: true,
});
