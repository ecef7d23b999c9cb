import { AsnConvert } from '@peculiar/asn1-schema';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { z } from 'zod';
import { commonNameSchema } from '../crypto/schemas.js';
import { signingAlgorithmFor } from '../crypto/signingAlgorithmFor.js';
import { webcrypto, x509 } from '../crypto/x509.js';
import { assertAwsSupportedKey } from '../keys/assertAwsSupportedKey.js';
import { describePublicKey } from '../keys/describePublicKey.js';
import { generateKeyPair } from '../keys/generateKeyPair.js';
import { keyMaterialSchema } from '../keys/schemas.js';
import { parseOptions } from '../options/parseOptions.js';
import { leafExtensions } from './leafExtensions.js';
import { resolveValidity } from './resolveValidity.js';
import { serialNumberSchema, validityShape, type IssuedCertificateWithKey } from './schemas.js';
import { randomSerialNumber } from './randomSerialNumber.js';
import { toIssuedCertificate } from './toIssuedCertificate.js';

/** Design 12.1: `openssl req -x509 ... -subj "/CN=device-claim" -days 7300`. */
const CLAIM_COMMON_NAME = 'device-claim';
const CLAIM_LIFETIME_DAYS = 7300;

const optionsSchema = z.object({
  ...validityShape,
  commonName: commonNameSchema.default(CLAIM_COMMON_NAME),
  keys: keyMaterialSchema.optional(),
  serialNumber: serialNumberSchema.optional(),
});

/** Options of {@link createSelfSignedCertificate}. */
export type CreateSelfSignedCertificateOptions = z.input<typeof optionsSchema>;

/**
 * Creates a self-signed client certificate: by default the fleet-provisioning claim certificate of
 * design 12.1 (CN `device-claim`, 20 years), registered with RegisterCertificateWithoutCA and bound to
 * the claim policy. One per robot is recommended so that a leaked claim can be revoked alone.
 *
 * The certificate is an end entity (`basicConstraints cA=FALSE`, extended key usage clientAuth), so its
 * key cannot sign certificates that would chain to it. Keys are generated (EC P-256) unless given.
 *
 * @param options.commonName - Defaults to `'device-claim'`.
 * @param options.lifetimeDays - Defaults to `7300` (20 years); or give `lifetimeMs`.
 * @param options.now - start of validity (rounded down to the second).
 * @param options.keys - e.g. from `importPrivateKeyPem`; generated when absent.
 * @param options.serialNumber - hex; 16 random octets when absent.
 * @throws {PkiError} `INVALID_ARGUMENT` for invalid options; `UNSUPPORTED_KEY` when given keys AWS IoT
 *   refuses.
 */
export async function createSelfSignedCertificate(
  options: CreateSelfSignedCertificateOptions,
): Promise<IssuedCertificateWithKey> {
  const parsed = parseOptions(optionsSchema, options, 'createSelfSignedCertificate');
  const { notBefore, notAfter } = resolveValidity(parsed, CLAIM_LIFETIME_DAYS);
  const keys = parsed.keys ?? (await generateKeyPair());
  const spki = new Uint8Array(
    await webcrypto.subtle.exportKey('spki', keys.cryptoKeyPair.publicKey),
  );
  const key = describePublicKey(spki);
  assertAwsSupportedKey(key, 'claim certificate');
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: parsed.serialNumber ?? randomSerialNumber(),
    name: [{ CN: [parsed.commonName] }],
    notBefore,
    notAfter,
    keys: keys.cryptoKeyPair,
    signingAlgorithm: signingAlgorithmFor(keys.cryptoKeyPair.privateKey),
    extensions: leafExtensions({
      spki: AsnConvert.parse(spki, SubjectPublicKeyInfo),
      publicKeyAlgorithm: key.publicKeyAlgorithm,
      purpose: 'clientAuth',
    }).map((extension) => new x509.Extension(AsnConvert.serialize(extension))),
  });
  return {
    ...toIssuedCertificate(certificate),
    privateKeyPem: keys.privateKeyPem,
    publicKeyPem: keys.publicKeyPem,
  };
}
