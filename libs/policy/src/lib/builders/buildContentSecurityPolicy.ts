import { parseBuilderOptions } from './parseBuilderOptions.js';
import {
  ContentSecurityPolicyOptionsSchema,
  type ContentSecurityPolicyOptions,
} from './schemas.js';

/**
 * The `Content-Security-Policy` header value of the operator UI (design 4.4), strict:
 * `default-src 'self'`; `script-src 'self'` plus the given hashes; `connect-src 'self'`, the
 * Cognito user pool and identity pool endpoints and the AWS IoT WebSocket endpoint; then
 * `frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'`. Never
 * `'unsafe-inline'` or `'unsafe-eval'`.
 *
 * Defaults: `https://cognito-idp.<region>.amazonaws.com`,
 * `https://cognito-identity.<region>.amazonaws.com` and `wss://*.iot.<region>.amazonaws.com`.
 * An `iotEndpoint` host becomes `wss://<host>`; a `ws://` or `wss://` URL is used as given, as are
 * `http://127.0.0.1:<port>` Cognito URLs and `extraConnectSrc` entries, for the local cloud.
 *
 * @throws {PolicyError} `INVALID_ARGUMENT` for a bad region, a source that is not
 *   `<scheme>://host[:port][/path]` (keywords and bare `*` are refused) or a malformed hash.
 */
export function buildContentSecurityPolicy(options: ContentSecurityPolicyOptions): string {
  const { region, iotEndpoint, cognitoIdpUrl, cognitoIdentityUrl, extraConnectSrc, scriptHashes } =
    parseBuilderOptions(ContentSecurityPolicyOptionsSchema, options, 'buildContentSecurityPolicy');
  const iot =
    iotEndpoint === undefined
      ? `wss://*.iot.${region}.amazonaws.com`
      : /^wss?:\/\//.test(iotEndpoint)
        ? iotEndpoint
        : `wss://${iotEndpoint}`;
  const connect = [
    "'self'",
    cognitoIdpUrl ?? `https://cognito-idp.${region}.amazonaws.com`,
    cognitoIdentityUrl ?? `https://cognito-identity.${region}.amazonaws.com`,
    iot,
    ...extraConnectSrc,
  ];
  const scripts = ["'self'", ...scriptHashes.map((hash) => `'${hash.replace(/^'|'$/g, '')}'`)];
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', scripts],
    ['connect-src', connect],
    ['frame-ancestors', ["'none'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'self'"]],
  ];
  return directives
    .map(([name, sources]) => `${name} ${[...new Set(sources)].join(' ')}`)
    .join('; ');
}
