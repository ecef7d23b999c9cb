import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TLSSocket } from 'node:tls';
import { certificateProblem } from '../broker/certificateProblem.js';
import type { CloudContext } from '../context/CloudContext.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { SIGV4_ERRORS } from '../sigv4/errors.js';
import { sigV4ErrorType } from '../sigv4/sigV4ErrorType.js';
import { verifySignedRequest } from '../sigv4/verifySignedRequest.js';
import { certificatePolicyVariables } from '../authz/certificatePolicyVariables.js';
import { awsErrorResponse } from './awsErrorResponse.js';
import type { DataPlaneIdentity, DataPlaneResponse } from './types.js';

/** What {@link authenticateDataPlaneRequest} returns. */
export type AuthenticateDataPlaneRequestResult =
  | { ok: true; identity: DataPlaneIdentity }
  | { ok: false; response: DataPlaneResponse };

/**
 * The SigV4 service names accepted: `iotdata` is what `@aws-sdk/client-iot-data-plane` signs with;
 * the Developer Guide's "Device Shadow REST API" page names `iotdevicegateway`.
 */
const SIGV4_SERVICES = ['iotdata', 'iotdevicegateway'] as const;

/**
 * Authenticates a data-plane request the two ways AWS accepts ("Device Shadow REST API": "Signature
 * Version 4 with IAM credentials or TLS mutual authentication with a client certificate"):
 *
 * - a client certificate presented in the TLS handshake, which must be registered and ACTIVE
 *   (its id is the SHA-256 of its DER) and within its validity period;
 * - otherwise a SigV4 `Authorization` header verified by `verifySignedRequest` against
 *   `ctx.credentials` over the method, path, query, headers and `body`.
 *
 * An unusable certificate answers 401 `UnauthorizedException`; SigV4 failures answer AWS's common
 * errors (403 `MissingAuthenticationTokenException` without any credentials,
 * `InvalidSignatureException`, `UnrecognizedClientException`, ...).
 *
 * @param rawPath the request path as received (still percent-encoded), which SigV4 signs.
 * @param rawQuery the query string as received, without `?`.
 */
export async function authenticateDataPlaneRequest(
  ctx: CloudContext,
  req: IncomingMessage,
  rawPath: string,
  rawQuery: string,
  body: Uint8Array,
): Promise<AuthenticateDataPlaneRequestResult> {
  const sourceIp = sourceIpOf(req);
  const socket = req.socket;
  const peer = socket instanceof TLSSocket ? socket.getPeerCertificate() : undefined;
  if (peer?.raw !== undefined) {
    const certificateId = createHash('sha256').update(peer.raw).digest('hex');
    const certificate = ctx.registry.getCertificate(certificateId);
    if (certificate === undefined) {
      const message = `Unexpected client certificate ${certificateId}, expected a registered certificate`;
      return { ok: false, response: awsErrorResponse(401, message) };
    }
    // The broker's rule: ACTIVE, within its validity, an unexpired provisioning claim.
    const problem = certificateProblem(certificate, ctx.clock.now());
    if (problem !== undefined) {
      return { ok: false, response: awsErrorResponse(401, problem) };
    }
    return {
      ok: true,
      identity: {
        kind: 'certificate',
        certificate,
        // The X.509 certificate variables only: HTTPS has no client id, and the thing policy
        // variables are "only available when a device connects over MQTT or MQTT over the
        // WebSocket protocol" (AWS IoT Developer Guide, "Thing policy variables"), so a policy
        // written with `${iot:Connection.Thing.ThingName}` does not match HTTPS requests.
        context: {
          ...certificatePolicyVariables({
            subject: { ...peer.subject },
            issuer: { ...peer.issuer },
            serialNumber: peer.serialNumber,
            notBefore: Date.parse(peer.valid_from),
            notAfter: Date.parse(peer.valid_to),
            ...(peer.subjectaltname === undefined ? {} : { subjectAltName: peer.subjectaltname }),
          }),
          ...(sourceIp === undefined ? {} : { 'aws:SourceIp': sourceIp }),
        },
      },
    };
  }
  const service = signingServiceOf(req);
  try {
    const credential = await verifySignedRequest(
      { method: req.method ?? 'GET', path: rawPath, query: rawQuery, headers: req.headers, body },
      { credentials: ctx.credentials, service, region: ctx.region, now: ctx.clock.now() },
    );
    const cognitoIdentityId =
      credential.identity.kind === 'iam' ? credential.identity.cognitoIdentityId : undefined;
    return {
      ok: true,
      identity: {
        kind: 'sigv4',
        credential,
        context: {
          ...(sourceIp === undefined ? {} : { 'aws:SourceIp': sourceIp }),
          ...(cognitoIdentityId === undefined
            ? {}
            : { 'cognito-identity.amazonaws.com:sub': cognitoIdentityId }),
        },
      },
    };
  } catch (error) {
    const type = sigV4ErrorType(error);
    if (type === undefined || !(error instanceof LocalCloudError)) throw error;
    // AWS answers SigV4 failures with the common errors of every AWS API ("Common Errors").
    return {
      ok: false,
      response: awsErrorResponse(SIGV4_ERRORS[type].status, error.message, {
        'x-amzn-ErrorType': type,
      }),
    };
  }
}

/** The service of the credential scope (`<key>/<date>/<region>/<service>/aws4_request`). */
function signingServiceOf(req: IncomingMessage): string {
  const credential = /Credential=([^,\s]+)/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const service = credential.split('/')[3];
  return SIGV4_SERVICES.find((s) => s === service) ?? SIGV4_SERVICES[0];
}

function sourceIpOf(req: IncomingMessage): string | undefined {
  const address = req.socket.remoteAddress;
  return address?.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}
