import { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { encodeNameDer } from '../certificates/encodeNameDer.js';
import { createNativeSigner } from '../crypto/createNativeSigner.js';
import { commonNameSchema, cryptoKeyPairSchema } from '../crypto/schemas.js';
import { signingAlgorithmFor } from '../crypto/signingAlgorithmFor.js';
import { x509 } from '../crypto/x509.js';
import { DER_TAGS } from '../der/constants.js';
import { encodeDer } from '../der/encodeDer.js';
import { encodeEcSpki } from '../keys/encodeEcSpki.js';
import { parseOptions } from '../options/parseOptions.js';
import { derToPem } from '../pem/derToPem.js';
import { PEM_LABELS } from '../pem/schemas.js';

// CertificationRequestInfo version 0 and no attributes (RFC 2986 4.1), as @peculiar/x509 writes them.
const VERSION_0 = new Uint8Array([DER_TAGS.integer, 1, 0]);
const NO_ATTRIBUTES = new Uint8Array([DER_TAGS.context0, 0]);

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
  // EC keys (what generateKeyPair makes) are encoded and signed with node:crypto, byte for byte as
  // @peculiar/x509 would but several times faster; other keys go through the library.
  const signer = createNativeSigner(keys.cryptoKeyPair.privateKey);
  const spki = encodeEcSpki(KeyObject.from(keys.cryptoKeyPair.publicKey));
  if (signer !== undefined && spki !== undefined) {
    const info = encodeDer(DER_TAGS.sequence, VERSION_0, encodeNameDer(name), spki, NO_ATTRIBUTES);
    const der = encodeDer(
      DER_TAGS.sequence,
      info,
      signer.algorithm.identifier,
      encodeDer(DER_TAGS.bitString, new Uint8Array([0]), signer.sign(info)),
    );
    return derToPem(der, PEM_LABELS.certificateRequest);
  }
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name,
    keys: keys.cryptoKeyPair,
    signingAlgorithm: signingAlgorithmFor(keys.cryptoKeyPair.privateKey),
  });
  return derToPem(new Uint8Array(csr.rawData), PEM_LABELS.certificateRequest);
}
