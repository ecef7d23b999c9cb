import { Encoder } from 'cbor-x';

/**
 * CBOR codec of the `cbor` fleet-provisioning topics: plain CBOR maps with text keys, no cbor-x
 * record extension (devices would not understand it), as the AWS device SDKs read them.
 */
export const cborCodec = new Encoder({
  useRecords: false,
  mapsAsObjects: true,
  variableMapSize: true,
});
