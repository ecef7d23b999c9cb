import { createHash } from 'node:crypto';
import type { CredentialRecord, CredentialStore } from '../context/CredentialStore.js';
import { checkCredential } from './checkCredential.js';
import { computeSignature } from './computeSignature.js';
import { assertWithinSkew } from './assertWithinSkew.js';
import { parseAmzDate } from './parseAmzDate.js';
import { parseCredentialScope } from './parseCredentialScope.js';
import { parseRawQuery } from './parseRawQuery.js';
import { rejectSigV4 } from './rejectSigV4.js';
import { signaturesEqual } from './signaturesEqual.js';

/** A received HTTP request, as the server saw it. */
export interface ReceivedRequest {
  method: string;
  /** The path exactly as received, still percent-encoded (e.g. `/things/robot%3A1`). */
  path: string;
  /** The raw query string without `?` (`''` when there is none). */
  query: string;
  /** Node's `IncomingMessage.headers`: names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  /** The complete body; `undefined` or empty for none. */
  body: Uint8Array | undefined;
}

/** Options of {@link verifySignedRequest}. */
export interface VerifySignedRequestOptions {
  credentials: CredentialStore;
  /** The signing name the request must be scoped to: `iot` (control plane) or `iotdata` (data plane). */
  service: string;
  /** The region the request must be scoped to. Defaults to accepting the region the client chose. */
  region?: string;
  /** Epoch ms of the server's clock. */
  now: number;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;

/**
 * Verifies a request signed with SigV4 in its `Authorization` header, as the AWS SDK sends it:
 * the credential scope (date, region, service), `X-Amz-Date` within 15 minutes of `now`, the
 * session token and expiry of the credential, `x-amz-content-sha256` against the body when present,
 * and the signature itself — recomputed with `@smithy/signature-v4` over the received request and
 * compared in constant time. Returns the credential that signed it.
 *
 * @throws {LocalCloudError} `UNAUTHORIZED` or `FORBIDDEN`; `sigV4ErrorType(error)` names the AWS
 *   exception to answer with (MissingAuthenticationTokenException, IncompleteSignatureException,
 *   UnrecognizedClientException, ExpiredTokenException, InvalidSignatureException).
 */
export async function verifySignedRequest(
  request: ReceivedRequest,
  options: VerifySignedRequestOptions,
): Promise<CredentialRecord> {
  const header = (name: string): string | undefined => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const authorization = header('authorization');
  if (authorization === undefined || authorization === '') {
    throw rejectSigV4('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const match = AUTHORIZATION.exec(authorization.trim());
  const scope = match ? parseCredentialScope(match[1] ?? '') : undefined;
  if (!match || !scope) {
    throw rejectSigV4(
      'IncompleteSignatureException',
      "Unexpected Authorization header, expected 'AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, SignedHeaders=<headers>, Signature=<64 hex>'",
    );
  }
  const signedHeaders = (match[2] ?? '').split(';');
  const signature = match[3] ?? '';

  const record = checkCredential(
    options.credentials,
    scope.accessKeyId,
    header('x-amz-security-token'),
    options.now,
  );

  if (scope.service !== options.service) {
    throw rejectSigV4(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${options.service}'.`,
    );
  }
  if (options.region !== undefined && scope.region !== options.region) {
    throw rejectSigV4(
      'InvalidSignatureException',
      `Credential should be scoped to a valid region, not '${scope.region}'.`,
    );
  }
  const amzDate = header('x-amz-date');
  const signedAt = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (amzDate === undefined || signedAt === undefined || !signedHeaders.includes('x-amz-date')) {
    throw rejectSigV4(
      'IncompleteSignatureException',
      "Authorization header requires existence of a signed 'X-Amz-Date' header in ISO 8601 basic format.",
    );
  }
  if (amzDate.slice(0, 8) !== scope.date) {
    throw rejectSigV4(
      'InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  assertWithinSkew(signedAt, options.now);
  if (!signedHeaders.includes('host')) {
    throw rejectSigV4('InvalidSignatureException', "'Host' must be a signed header.");
  }

  const contentSha256 = header('x-amz-content-sha256');
  if (contentSha256 !== undefined && contentSha256 !== 'UNSIGNED-PAYLOAD') {
    const actual = createHash('sha256')
      .update(request.body ?? new Uint8Array())
      .digest('hex');
    if (actual !== contentSha256) {
      throw rejectSigV4(
        'InvalidSignatureException',
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
      );
    }
  }

  const query = parseRawQuery(request.query);
  if (!query) {
    throw rejectSigV4(
      'InvalidSignatureException',
      'The query string is not valid percent-encoding.',
    );
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = header(name) ?? '';

  const expected = await computeSignature({
    accessKeyId: record.accessKeyId,
    secretAccessKey: record.secretAccessKey,
    method: request.method,
    path: request.path,
    query,
    headers,
    body: request.body && request.body.byteLength > 0 ? request.body : undefined,
    signingDate: new Date(signedAt),
    region: scope.region,
    service: scope.service,
  });
  if (!signaturesEqual(expected, signature)) {
    throw rejectSigV4(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return record;
}
