import type { CredentialRecord, CredentialStore } from '../context/CredentialStore.js';
import { assertWithinSkew } from './assertWithinSkew.js';
import { checkCredential } from './checkCredential.js';
import { computeSignature } from './computeSignature.js';
import { SIGV4_MAX_EXPIRES_SECONDS, SIGV4_MAX_SKEW_MS } from './errors.js';
import { formatAmzDate } from './formatAmzDate.js';
import { parseAmzDate } from './parseAmzDate.js';
import { parseCredentialScope } from './parseCredentialScope.js';
import { parseRawQuery } from './parseRawQuery.js';
import { rejectSigV4 } from './rejectSigV4.js';
import { signaturesEqual } from './signaturesEqual.js';

/** Options of {@link verifyPresignedUrl}. */
export interface VerifyPresignedUrlOptions {
  /** The `Host` header of the request (with the port when the client sent one). */
  host: string;
  credentials: CredentialStore;
  /** The signing name: `iotdevicegateway` for MQTT over WebSocket. */
  service: string;
  /** The region the URL must be scoped to. Defaults to accepting the region the client chose. */
  region?: string;
  /** Epoch ms of the server's clock. */
  now: number;
  /** Other request headers, for URLs that sign more than `host`. Names in lower case. */
  headers?: Record<string, string | string[] | undefined>;
}

const REQUIRED = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
] as const;

/**
 * Verifies a SigV4 presigned URL such as the one MQTT over WebSocket connects with
 * (`/mqtt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=...&X-Amz-Signature=...`), recomputing
 * the signature with `@smithy/signature-v4` and comparing it in constant time. Returns the
 * credential that signed it.
 *
 * What real clients sign, and therefore what is accepted:
 * - AWS IoT appends `X-Amz-Security-Token` after signing, so it is not part of the canonical query
 *   (AWS IoT Developer Guide, "MQTT over WebSocket"); a URL signed by `@smithy/signature-v4`
 *   `presign()` with session credentials signs it. Both verify; the token must belong to the key.
 * - `host` is signed as the client saw it: without the port when the endpoint is on 443, and with
 *   or without it (`localhost:8443` or `localhost`) depending on the client when it is not. Both verify.
 * - `X-Amz-Expires` may be absent; the URL is then good for 15 minutes either side of `X-Amz-Date`,
 *   the SigV4 clock-skew window. With it, the URL is good until `X-Amz-Date + X-Amz-Expires`.
 *
 * @throws {LocalCloudError} `UNAUTHORIZED` or `FORBIDDEN`; `sigV4ErrorType(error)` names the AWS
 *   exception (see `verifySignedRequest`).
 */
export async function verifyPresignedUrl(
  url: string,
  options: VerifyPresignedUrlOptions,
): Promise<CredentialRecord> {
  const q = url.indexOf('?');
  const path = pathOf(q === -1 ? url : url.slice(0, q));
  const query = parseRawQuery(q === -1 ? '' : url.slice(q + 1));
  if (!query) {
    throw rejectSigV4(
      'IncompleteSignatureException',
      'The query string is not valid percent-encoding.',
    );
  }
  const param = (name: string): string | undefined => {
    const value = query[name];
    return Array.isArray(value) ? undefined : value;
  };
  if (REQUIRED.every((name) => query[name] === undefined)) {
    throw rejectSigV4('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const missing = REQUIRED.filter((name) => param(name) === undefined);
  if (missing.length > 0) {
    throw rejectSigV4(
      'IncompleteSignatureException',
      `Presigned URL is missing ${missing.join(', ')}, expected every one of ${REQUIRED.join(', ')}`,
    );
  }
  const algorithm = param('X-Amz-Algorithm') ?? '';
  const scope = parseCredentialScope(param('X-Amz-Credential') ?? '');
  const amzDate = param('X-Amz-Date') ?? '';
  const signedAt = parseAmzDate(amzDate);
  const signature = param('X-Amz-Signature') ?? '';
  const signedHeaders = (param('X-Amz-SignedHeaders') ?? '').split(';');
  if (
    algorithm !== 'AWS4-HMAC-SHA256' ||
    !scope ||
    signedAt === undefined ||
    !/^[0-9a-f]{64}$/.test(signature)
  ) {
    throw rejectSigV4(
      'IncompleteSignatureException',
      'Unexpected X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date or X-Amz-Signature, expected AWS4-HMAC-SHA256, <key>/<yyyymmdd>/<region>/<service>/aws4_request, an ISO 8601 basic date and 64 hex digits',
    );
  }

  const token = query['X-Amz-Security-Token'];
  if (Array.isArray(token)) {
    throw rejectSigV4(
      'IncompleteSignatureException',
      'X-Amz-Security-Token appears more than once',
    );
  }
  const record = checkCredential(options.credentials, scope.accessKeyId, token, options.now);

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
  if (amzDate.slice(0, 8) !== scope.date) {
    throw rejectSigV4(
      'InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from X-Amz-Date: '${scope.date}' != '${amzDate.slice(0, 8)}'.`,
    );
  }
  assertNotExpired(
    param('X-Amz-Expires'),
    query['X-Amz-Expires'] !== undefined,
    signedAt,
    options.now,
  );
  if (!signedHeaders.includes('host')) {
    throw rejectSigV4('InvalidSignatureException', "'Host' must be a signed header.");
  }

  const otherHeaders: Record<string, string> = {};
  for (const name of signedHeaders) {
    if (name === 'host') continue;
    const value = options.headers?.[name];
    otherHeaders[name] = Array.isArray(value) ? value.join(',') : (value ?? '');
  }
  const { ['X-Amz-Security-Token']: _token, ...withoutToken } = query;
  const queries = token === undefined ? [withoutToken] : [withoutToken, query];
  const hosts = [...new Set([options.host, hostWithoutPort(options.host)])];

  for (const host of hosts) {
    for (const candidate of queries) {
      const expected = await computeSignature({
        accessKeyId: record.accessKeyId,
        secretAccessKey: record.secretAccessKey,
        method: 'GET',
        path,
        query: candidate,
        headers: { host, ...otherHeaders },
        body: undefined,
        signingDate: new Date(signedAt),
        region: scope.region,
        service: scope.service,
      });
      if (signaturesEqual(expected, signature)) return record;
    }
  }
  throw rejectSigV4(
    'InvalidSignatureException',
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  );
}

function pathOf(rawPath: string): string {
  // Absolute URLs (wss://host/mqtt?...) as well as request targets (/mqtt?...) are accepted.
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(rawPath);
  const path = m ? (m[1] ?? '/') : rawPath;
  return path === '' ? '/' : path;
}

function hostWithoutPort(host: string): string {
  const m = /^(\[[^\]]+\]|[^:]+):\d+$/.exec(host);
  return m?.[1] ?? host;
}

function assertNotExpired(
  expires: string | undefined,
  present: boolean,
  signedAt: number,
  now: number,
): void {
  if (!present) {
    assertWithinSkew(signedAt, now);
    return;
  }
  const seconds = expires !== undefined && /^\d{1,6}$/.test(expires) ? Number(expires) : NaN;
  if (!(seconds >= 1 && seconds <= SIGV4_MAX_EXPIRES_SECONDS)) {
    throw rejectSigV4(
      'IncompleteSignatureException',
      `Unexpected X-Amz-Expires ${JSON.stringify(expires)}, expected whole seconds from 1 to ${SIGV4_MAX_EXPIRES_SECONDS}`,
    );
  }
  if (signedAt > now + SIGV4_MAX_SKEW_MS) {
    assertWithinSkew(signedAt, now);
  }
  if (now > signedAt + seconds * 1000) {
    throw rejectSigV4(
      'InvalidSignatureException',
      `Signature expired: X-Amz-Date ${formatAmzDate(signedAt)} + X-Amz-Expires ${seconds} s is earlier than ${formatAmzDate(now)}`,
    );
  }
}
