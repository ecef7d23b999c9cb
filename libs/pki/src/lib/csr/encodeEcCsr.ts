import { KeyObject, type webcrypto } from 'node:crypto';
import { CertificationRequest, CertificationRequestInfo } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import { plainAsnNameOf } from '../certificates/plainAsnNameOf.js';
import { createNativeSigner } from '../crypto/createNativeSigner.js';
import type { x509 } from '../crypto/x509.js';
import { ecPublicKeyInfo } from '../keys/ecPublicKeyInfo.js';
import { derToPem } from '../pem/derToPem.js';
import { PEM_LABELS } from '../pem/schemas.js';

/**
 * The common path of `createCsr`: an EC key pair (what `generateKeyPair` makes) and a plain subject
 * (`plainAsnNameOf`), encoded with @peculiar/asn1-csr and signed with `node:crypto`, byte for byte
 * as @peculiar/x509 would but without its WebCrypto round trips.
 *
 * @returns the CSR PEM, or `undefined` for any other key or subject (`createCsr` then uses
 *   @peculiar/x509).
 */
export function encodeEcCsr(
  keys: webcrypto.CryptoKeyPair,
  name: x509.JsonName,
): string | undefined {
  const signer = createNativeSigner(keys.privateKey);
  const spki = ecPublicKeyInfo(KeyObject.from(keys.publicKey));
  const subject = plainAsnNameOf(name);
  if (signer === undefined || spki === undefined || subject === undefined) {
    return undefined;
  }
  // Version 0 and no attributes (RFC 2986 4.1), as @peculiar/x509 writes them.
  const info = new CertificationRequestInfo({ subject, subjectPKInfo: spki });
  const signature = signer.sign(new Uint8Array(AsnConvert.serialize(info)));
  const request = new CertificationRequest({
    certificationRequestInfo: info,
    signatureAlgorithm: signer.algorithm.identifier,
    signature: signature.slice().buffer,
  });
  return derToPem(new Uint8Array(AsnConvert.serialize(request)), PEM_LABELS.certificateRequest);
}
