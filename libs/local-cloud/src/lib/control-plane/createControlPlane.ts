import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { evaluate } from '@iot-gateway-net/policy';
import type { CloudContext } from '../context/CloudContext.js';
import type { CredentialRecord } from '../context/CredentialStore.js';
import { LocalCloudError, type LocalCloudErrorCode } from '../errors/LocalCloudError.js';
import { parseRawQuery } from '../sigv4/parseRawQuery.js';
import { verifySignedRequest } from '../sigv4/verifySignedRequest.js';
import type { AwsErrorName } from './awsErrors.js';
import { awsException } from './awsException.js';
import { createRouter } from './createRouter.js';
import type { OperationOutput } from './defineOperation.js';
import { CONTROL_PLANE_OPERATIONS } from './operationList.js';
import { readBody } from './readBody.js';
import { toAwsError } from './toAwsError.js';

/** Options of {@link createControlPlane}. */
export interface ControlPlaneOptions {
  /** Largest request body accepted. Defaults to `1_048_576` bytes. */
  maxBodyBytes?: number;
}

/** The AWS IoT control-plane API as an HTTP request handler. */
export interface ControlPlane {
  /** Answers one HTTP request; never throws, every failure becomes an AWS error answer. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Stops accepting requests: later ones get ServiceUnavailableException. */
  close(): Promise<void>;
}

/**
 * Creates the local AWS IoT control plane: the REST-JSON API of `@aws-sdk/client-iot` (things,
 * certificates, CA certificates, policies and their versions, attachments, DescribeEndpoint) over
 * `ctx.registry`. Every request must be SigV4-signed for service `iot` in `ctx.region` by a
 * credential of `ctx.credentials`; `admin` credentials may call everything, `iam` credentials
 * what their IAM policies allow (action `iot:<Operation>` on the resource's ARN). Errors are AWS
 * REST-JSON errors (`x-amzn-ErrorType` header, `{"message": ...}` body), so SDK callers get the
 * typed exceptions (ResourceNotFoundException, ...). One log line per request: operation, status,
 * duration — never headers or bodies.
 */
export function createControlPlane(
  ctx: CloudContext,
  options: ControlPlaneOptions = {},
): ControlPlane {
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  const route = createRouter(CONTROL_PLANE_OPERATIONS);
  const logger = ctx.logger.child({ component: 'control-plane' });
  const requests = ctx.metrics.counter(
    'local_cloud_control_plane_requests_total',
    'Control-plane API requests by operation and HTTP status',
  );
  let closed = false;

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = ctx.clock.now();
    let operation = 'Unknown';
    let overrides: Partial<Record<LocalCloudErrorCode, AwsErrorName>> = {};
    let status = 200;
    let errorType: string | undefined;
    try {
      if (closed) {
        throw awsException(
          'ServiceUnavailableException',
          'The local cloud control plane is shutting down',
        );
      }
      const body = await readBody(req, maxBodyBytes);
      const method = req.method ?? 'GET';
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const path = q === -1 ? url : url.slice(0, q);
      const rawQuery = q === -1 ? '' : url.slice(q + 1);
      const credential = await verifySignedRequest(
        { method, path, query: rawQuery, headers: req.headers, body },
        { credentials: ctx.credentials, service: 'iot', region: ctx.region, now: ctx.clock.now() },
      );
      const match = route(method, path);
      if (!match) {
        throw awsException(
          'UnknownOperationException',
          `Unexpected ${method} ${path}: no AWS IoT operation has this method and path`,
        );
      }
      operation = match.operation.name;
      overrides = match.operation.errors;
      const prepared = match.operation.prepare(
        {
          labels: match.labels,
          query: firstValues(rawQuery),
          headers: req.headers,
          body: parseJsonBody(body),
        },
        ctx,
      );
      authorize(credential, operation, prepared.resource);
      send(res, 200, await prepared.run());
    } catch (error) {
      const answer = toAwsError(error, overrides);
      status = answer.status;
      errorType = answer.name;
      if (answer.name === 'InternalFailureException') {
        logger.error('control_plane.internal_error', { operation, error });
      }
      if (!res.headersSent) {
        res.setHeader('x-amzn-ErrorType', answer.name);
        send(res, answer.status, answer.body);
      }
      // An oversized body was not read to its end: do not keep the connection.
      if (error instanceof LocalCloudError && !req.complete)
        res.once('finish', () => req.destroy());
    } finally {
      requests.inc({ operation, status: String(status) });
      logger.info('control_plane.request', {
        operation,
        method: req.method,
        status,
        durationMs: ctx.clock.now() - started,
        ...(errorType === undefined ? {} : { errorType }),
      });
    }
  };

  const authorize = (credential: CredentialRecord, operation: string, resource: string): void => {
    if (credential.identity.kind === 'admin') return;
    const action = `iot:${operation}`;
    const result = evaluate(
      credential.identity.iamPolicies.map((document, i) => ({ name: `iam-policy-${i}`, document })),
      { action, resource },
    );
    if (result.decision === 'allow') return;
    // IAM's wording for AWS IoT API denials (AccessDeniedException, HTTP 403).
    throw awsException(
      'AccessDeniedException',
      `User: ${credential.accessKeyId} is not authorized to perform: ${action} on resource: ${resource} because ${
        result.decision === 'explicitDeny'
          ? 'an explicit deny in an identity-based policy'
          : `no identity-based policy allows the ${action} action`
      }`,
    );
  };

  return {
    handle(req, res) {
      serve(req, res).catch((error: unknown) => {
        logger.error('control_plane.unhandled', { error });
        if (!res.headersSent) send(res, 500, { message: 'An unexpected error has occurred.' });
      });
    },
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}

function send(res: ServerResponse, status: number, body: OperationOutput): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  });
  res.end(text);
}

function firstValues(rawQuery: string): Record<string, string> {
  const parsed = parseRawQuery(rawQuery);
  if (!parsed) {
    throw new LocalCloudError(
      'INVALID_REQUEST',
      'Unexpected query string, expected valid percent-encoding',
    );
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed))
    out[key] = Array.isArray(value) ? (value[0] ?? '') : value;
  return out;
}

function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new LocalCloudError(
      'INVALID_REQUEST',
      `Unexpected request body: ${(error as Error).message}, expected a JSON object`,
      { cause: error },
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LocalCloudError(
      'INVALID_REQUEST',
      `Unexpected request body of type ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}, expected a JSON object`,
    );
  }
  return value as Record<string, unknown>;
}
