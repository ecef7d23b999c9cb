import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

/** What {@link computeSignature} signs: a request as the client built it before signing. */
export interface SignatureInput {
  accessKeyId: string;
  secretAccessKey: string;
  method: string;
  /** The path exactly as received (still percent-encoded); the signer encodes it again, as clients do. */
  path: string;
  /** Decoded query parameters that are part of the canonical query. */
  query: Record<string, string | string[]>;
  /** Exactly the headers to sign, names in lower case. */
  headers: Record<string, string>;
  body: Uint8Array | undefined;
  /** The request's `X-Amz-Date`. */
  signingDate: Date;
  region: string;
  service: string;
}

const AUTHORIZATION_SIGNATURE = /Signature=([0-9a-f]{64})$/;

/**
 * Recomputes the SigV4 signature of a received request with `@smithy/signature-v4` (the signer
 * the AWS SDK itself uses), so that no SigV4 canonicalisation or HMAC is written by hand. Every
 * header given is signed (even ones the signer skips by default), and `x-amz-date` and
 * `x-amz-security-token` are signed only when given here: a presigned URL carries them in the query.
 * Returns the lowercase hex signature.
 */
export async function computeSignature(input: SignatureInput): Promise<string> {
  const signer = new SignatureV4({
    service: input.service,
    region: input.region,
    credentials: { accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey },
    sha256: Hash.bind(null, 'sha256'),
    // Otherwise the signer adds and signs x-amz-content-sha256 although the client did not.
    applyChecksum: false,
  });
  const names = Object.keys(input.headers);
  const signed = await signer.sign(
    {
      method: input.method,
      protocol: 'https:',
      hostname: input.headers['host'] ?? '',
      path: input.path,
      query: input.query,
      headers: { ...input.headers },
      ...(input.body === undefined ? {} : { body: input.body }),
    },
    {
      signingDate: input.signingDate,
      signingRegion: input.region,
      signingService: input.service,
      signableHeaders: new Set(names),
      // The signer always sets x-amz-date itself; keep it out unless the client signed it as a header.
      unsignableHeaders: new Set(
        ['x-amz-date', 'x-amz-security-token'].filter((h) => !names.includes(h)),
      ),
    },
  );
  const authorization = signed.headers['authorization'] ?? '';
  const match = AUTHORIZATION_SIGNATURE.exec(authorization);
  if (!match?.[1]) throw new Error('The SigV4 signer produced no signature');
  return match[1];
}
