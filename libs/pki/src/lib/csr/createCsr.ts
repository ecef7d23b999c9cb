import { KeyObject } from 'node:crypto';
import { CertificationRequest, CertificationRequestInfo } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import { z } from 'zod';
import { plainAsnNameOf } from '../certificates/plainAsnNameOf.js';
import { createNativeSigner } from '../crypto/createNativeSigner.js';
import { commonNameSchema, cryptoKeyPairSchema } from '../crypto/schemas.js';
import { signingAlgorithmFor } from '../crypto/signingAlgorithmFor.js';
import { ecPublicKeyInfo } from '../keys/ecPublicKeyInfo.js';
import { parseOptions } from '../options/parseOptions.js';
import { derToPem } from '../pem/derToPem.js';
import { PEM_LABELS } from '../pem/schemas.js';

const optionsSchema = z.object({
  keys: z.object({ cryptoKeyPair: cryptoKeyPairSchema }),
  commonName: commonNameSchema,
  organization: z.string().min(1).max(64).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'expected an ISO 3166 two-letter upper-case code')
    .optional(),
});

/** Options of {@link createCsr}. */
export type CreateCsrOptions = z.input<typeof optionsSchema>;

/**
 * Creates a PKCS#10 certificate signing request, signed with the given key pair, as PEM.
 *
 * The private key stays with the caller: only the public key and the proof of possession go into the
 * CSR, which is what CreateCertificateFromCsr needs to keep the key on the device (design 3.3).
 * The subject is `CN=<commonName>`, preceded by `C` and `O` when given. The key itself is not policed
 * here; `parseCsr` and the CA refuse keys AWS IoT would refuse.
 *
 * @throws {PkiError} `INVALID_ARGUMENT` when the options fail validation (common name 1-128 characters,
 *   organization 1-64, country a two-letter code, a key pair able to sign).
 */
export async function createCsr(options: CreateCsrOptions): Promise<string> {
  const { keys, commonName, organization, country } = parseOptions(
    optionsSchema,
    options,
    'createCsr',
  );
  const name: Array<Record<string, string[]>> = [];
  if (country !== undefined) {
    name.push({ C: [country] });
  }
  if (organization !== undefined) {
    name.push({ O: [organization] });
  }
  name.push({ CN: [commonName] });
  // EC keys (what generateKeyPair makes) with a plain subject are encoded with @peculiar/asn1-csr and
  // signed with node:crypto, byte for byte as @peculiar/x509 would but without its WebCrypto round
  // trips; anything else goes through @peculiar/x509, loaded only then so that a robot's daemon,
  // which only ever takes the first path, does not carry it and its Reflect polyfill in memory.
  const signer = createNativeSigner(keys.cryptoKeyPair.privateKey);
  const spki = ecPublicKeyInfo(KeyObject.from(keys.cryptoKeyPair.publicKey));
  const subject = plainAsnNameOf(name);
  if (signer !== undefined && spki !== undefined && subject !== undefined) {
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
  const { x509 } = await import('../crypto/x509.js');
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name,
    keys: keys.cryptoKeyPair,
    signingAlgorithm: signingAlgorithmFor(keys.cryptoKeyPair.privateKey),
  });
  return derToPem(new Uint8Array(csr.rawData), PEM_LABELS.certificateRequest);
}
