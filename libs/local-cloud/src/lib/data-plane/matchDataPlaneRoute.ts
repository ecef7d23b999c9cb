import { awsErrorResponse } from './awsErrorResponse.js';
import type { DataPlaneResponse, DataPlaneRoute } from './types.js';

/** What {@link matchDataPlaneRoute} returns. */
export type MatchDataPlaneRouteResult =
  | { ok: true; route: DataPlaneRoute }
  | { ok: false; response: DataPlaneResponse };

const SHADOW_OPERATIONS = {
  GET: 'GetThingShadow',
  POST: 'UpdateThingShadow',
  DELETE: 'DeleteThingShadow',
} as const;

/**
 * Maps a request to the data-plane operation `@aws-sdk/client-iot-data-plane` sends it for (paths
 * from the SDK's operation schemas, which follow the AWS IoT Data Plane API reference):
 *
 * - `POST /topics/{topic}` → Publish
 * - `GET | POST | DELETE /things/{thingName}/shadow[?name=]` → Get / Update / DeleteThingShadow
 * - `GET /api/things/shadow/ListNamedShadowsForThing/{thingName}` → ListNamedShadowsForThing
 * - `GET /retainedMessage/{topic}` → GetRetainedMessage, `GET /retainedMessage` → ListRetainedMessages
 *
 * Path labels are percent-decoded (the SDK encodes `/` inside a topic as `%2F`; curl users write
 * it plainly, which AWS accepts too). An unknown path answers 404 `ResourceNotFoundException`, a
 * known path with another method 405 `MethodNotAllowedException` with `Allow`, a label that is not
 * valid percent-encoding 400 `InvalidRequestException`. Names are not validated here.
 *
 * @param pathname the raw (still percent-encoded) path of the request URL.
 */
export function matchDataPlaneRoute(
  method: string,
  pathname: string,
  query: URLSearchParams,
): MatchDataPlaneRouteResult {
  const match = (
    allowed: readonly string[],
    labels: readonly string[],
    build: (decoded: string[]) => DataPlaneRoute,
  ): MatchDataPlaneRouteResult => {
    if (!allowed.includes(method)) {
      return {
        ok: false,
        response: awsErrorResponse(
          405,
          `Unexpected method ${method} for ${pathname}, expected ${allowed.join(' or ')}`,
          { Allow: allowed.join(', ') },
        ),
      };
    }
    const decoded: string[] = [];
    for (const label of labels) {
      try {
        decoded.push(decodeURIComponent(label));
      } catch {
        return {
          ok: false,
          response: awsErrorResponse(
            400,
            `Unexpected path label "${label}", expected valid percent-encoding`,
          ),
        };
      }
    }
    return { ok: true, route: build(decoded) };
  };

  if (pathname.startsWith('/topics/') && pathname.length > '/topics/'.length) {
    return match(['POST'], [pathname.slice('/topics/'.length)], ([topic = '']) => ({
      operation: 'Publish',
      topic,
    }));
  }
  if (pathname === '/retainedMessage' || pathname === '/retainedMessage/') {
    return match(['GET'], [], () => ({ operation: 'ListRetainedMessages' }));
  }
  if (pathname.startsWith('/retainedMessage/')) {
    return match(['GET'], [pathname.slice('/retainedMessage/'.length)], ([topic = '']) => ({
      operation: 'GetRetainedMessage',
      topic,
    }));
  }
  const segments = pathname.split('/').slice(1);
  if (
    segments.length === 3 &&
    segments[0] === 'things' &&
    segments[2] === 'shadow' &&
    segments[1]
  ) {
    const name = query.get('name');
    return match(Object.keys(SHADOW_OPERATIONS), [segments[1]], ([thingName = '']) => ({
      operation: SHADOW_OPERATIONS[method as keyof typeof SHADOW_OPERATIONS],
      thingName,
      shadowName: name === null ? undefined : name,
    }));
  }
  const listPrefix = '/api/things/shadow/ListNamedShadowsForThing/';
  if (pathname.startsWith(listPrefix) && segments.length === 5 && segments[4]) {
    return match(['GET'], [segments[4]], ([thingName = '']) => ({
      operation: 'ListNamedShadowsForThing',
      thingName,
    }));
  }
  return {
    ok: false,
    response: awsErrorResponse(404, `No data-plane operation at ${method} ${pathname}`),
  };
}
