import { z } from 'zod';
import { commonNameSchema, cryptoKeyPairSchema } from '../crypto/schemas.js';
import { signingAlgorithmFor } from '../crypto/signingAlgorithmFor.js';
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
  // Both paths are loaded on first use: a robot's daemon needs them only to provision or renew, and
  // carries neither the ASN.1 libraries nor @peculiar/x509 (and its Reflect polyfill) otherwise.
  // EC keys with a plain subject take encodeEcCsr; anything else goes through @peculiar/x509.
  const { encodeEcCsr } = await import('./encodeEcCsr.js');
  const pem = encodeEcCsr(keys.cryptoKeyPair, name);
  if (pem !== undefined) {
    return pem;
  }
  const { x509 } = await import('../crypto/x509.js');
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name,
    keys: keys.cryptoKeyPair,
    signingAlgorithm: signingAlgorithmFor(keys.cryptoKeyPair.privateKey),
  });
  return derToPem(new Uint8Array(csr.rawData), PEM_LABELS.certificateRequest);
}
