import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ShadowError } from '@iot-gateway-net/shadow';
import { AWS_IOT_LIMITS } from '@iot-gateway-net/topics';
import { createPolicyCompiler } from '../authz/createPolicyCompiler.js';
import type { CloudContext } from '../context/CloudContext.js';
import type { MessageBus } from '../context/MessageBus.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { createShadowService } from '../shadow-service/createShadowService.js';
import type { ShadowEngine } from '../shadow-service/types.js';
import { authenticateDataPlaneRequest } from './authenticateDataPlaneRequest.js';
import { awsErrorResponse } from './awsErrorResponse.js';
import { createDataPlaneAuthorizer } from './createDataPlaneAuthorizer.js';
import { handleGetRetainedMessage } from './handleGetRetainedMessage.js';
import { handleListNamedShadows } from './handleListNamedShadows.js';
import { handleListRetainedMessages } from './handleListRetainedMessages.js';
import { handlePublish } from './handlePublish.js';
import { handleThingShadow } from './handleThingShadow.js';
import { localCloudErrorResponse } from './localCloudErrorResponse.js';
import { matchDataPlaneRoute } from './matchDataPlaneRoute.js';
import { readRequestBody } from './readRequestBody.js';
import type { DataPlane, DataPlaneCall, DataPlaneResponse, DataPlaneRoute } from './types.js';

/**
 * Creates the HTTPS data plane of AWS IoT Core, wire-compatible with
 * `@aws-sdk/client-iot-data-plane` and with plain HTTPS publishes (curl with a client certificate):
 * Publish, GetThingShadow, UpdateThingShadow, DeleteThingShadow, ListNamedShadowsForThing,
 * GetRetainedMessage and ListRetainedMessages. Mount `handle` on the HTTPS server that also carries
 * the MQTT WebSocket upgrade; the server must request client certificates without rejecting
 * unauthorized ones (`requestCert: true, rejectUnauthorized: false`), since SigV4 callers present
 * none and certificates registered without a CA chain to no trusted root.
 *
 * Each request is routed, its body read up to the operation's limit (Publish 128 KiB, shadow
 * operations 8 KiB; a larger body is answered 413 `RequestEntityTooLargeException` without being
 * buffered, and the connection closed), authenticated (client certificate or SigV4, see
 * `authenticateDataPlaneRequest`) and authorized with the policy evaluator. Errors come back as the
 * SDK expects them: status, `x-amzn-ErrorType` and a JSON body with `message`.
 *
 * A Publish goes through `bus` as the client's publish, so the services on the bus (the Device
 * Shadow service for shadow request topics, the rules) handle it as they handle an MQTT publish.
 *
 * @param shadows the shadow service on `bus`, so that HTTPS and MQTT requests on one shadow are
 *   ordered together. Defaults to a Device Shadow service of its own on `bus`.
 */
export function createDataPlane(
  ctx: CloudContext,
  bus: MessageBus,
  shadows?: Pick<ShadowEngine, 'execute'>,
): DataPlane {
  const engine = shadows ?? createShadowService(ctx, bus);
  const logger = ctx.logger.child({ component: 'data-plane' });
  const compiler = createPolicyCompiler(ctx.registry);

  const dispatch = (call: DataPlaneCall): Promise<DataPlaneResponse> | DataPlaneResponse => {
    const { route } = call;
    switch (route.operation) {
      case 'Publish':
        return handlePublish(ctx, bus, { ...call, route });
      case 'GetThingShadow':
      case 'UpdateThingShadow':
      case 'DeleteThingShadow':
        return handleThingShadow(ctx, engine, { ...call, route });
      case 'ListNamedShadowsForThing':
        return handleListNamedShadows(ctx, { ...call, route });
      case 'GetRetainedMessage':
        return handleGetRetainedMessage(ctx, { ...call, route });
      case 'ListRetainedMessages':
        return handleListRetainedMessages(ctx, { ...call, route });
    }
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const queryStart = url.indexOf('?');
    const rawPath = queryStart === -1 ? url : url.slice(0, queryStart);
    const rawQuery = queryStart === -1 ? '' : url.slice(queryStart + 1);
    const query = new URLSearchParams(rawQuery);
    const method = req.method ?? 'GET';

    const matched = matchDataPlaneRoute(method, rawPath, query);
    if (!matched.ok) {
      send(res, matched.response);
      return;
    }
    const { route } = matched;
    const read = await readRequestBody(req, bodyLimit(route));
    if (!read.ok) {
      send(res, tooLarge(ctx, route, read.bytes), { close: true });
      return;
    }
    const authenticated = await authenticateDataPlaneRequest(
      ctx,
      req,
      rawPath,
      rawQuery,
      read.body,
    );
    if (!authenticated.ok) {
      send(res, authenticated.response);
      return;
    }
    const authorize = createDataPlaneAuthorizer({ compiler, logger }, authenticated.identity);
    try {
      send(
        res,
        await dispatch({
          route,
          query,
          body: read.body,
          identity: authenticated.identity,
          authorize,
        }),
      );
    } catch (error) {
      if (!(error instanceof LocalCloudError)) throw error;
      if (error.code === 'FORBIDDEN') {
        logger.info('data_plane.denied', { operation: route.operation, reason: error.message });
      }
      send(res, localCloudErrorResponse(error));
    }
  };

  return {
    handle(req, res) {
      // A client that goes away mid-request must not crash the process.
      req.on('error', (error) => logger.debug('data_plane.request_error', { error }));
      serve(req, res).catch((error: unknown) => {
        if (req.destroyed) {
          // The client went away while its body was read: nobody to answer.
          logger.debug('data_plane.aborted', { method: req.method, error });
          res.destroy();
          return;
        }
        logger.error('data_plane.failed', { method: req.method, error });
        if (!res.headersSent) send(res, awsErrorResponse(500, 'Internal service failure'));
        else res.destroy();
      });
    },
  };
}

function bodyLimit(route: DataPlaneRoute): number {
  return route.operation === 'Publish'
    ? AWS_IOT_LIMITS.payloadBytes
    : AWS_IOT_LIMITS.shadowDocumentBytes;
}

function tooLarge(ctx: CloudContext, route: DataPlaneRoute, bytes: number): DataPlaneResponse {
  const limit = bodyLimit(route);
  if (route.operation === 'Publish') {
    return awsErrorResponse(
      413,
      `Unexpected payload of ${bytes} bytes, expected at most ${limit} bytes`,
    );
  }
  // Shadow requests answer with the Device Shadow service's own 413 document.
  const error = ShadowError.payloadTooLarge('shadow request body', bytes, limit);
  return awsErrorResponse(413, error.toPayload({ now: ctx.clock.now() }));
}

function send(
  res: ServerResponse,
  response: DataPlaneResponse,
  options: { close?: boolean } = {},
): void {
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, {
    'content-type': 'application/json',
    'content-length': String(body.byteLength),
    'x-amzn-RequestId': randomUUID(),
    ...(options.close ? { connection: 'close' } : {}),
    ...response.headers,
  });
  res.end(body);
}
