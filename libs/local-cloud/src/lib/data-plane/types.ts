import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '@iot-gateway-net/policy';
import type { CredentialRecord } from '../context/CredentialStore.js';
import type { CertificateRecord } from '../registry/types.js';

/** The HTTPS data plane; see `createDataPlane`. */
export interface DataPlane {
  /**
   * Serves one HTTP request (not a WebSocket upgrade). Always answers, with the operation's result
   * or an AWS-shaped error; never throws.
   */
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/** The data-plane operations of `@aws-sdk/client-iot-data-plane` that the local cloud serves. */
export type DataPlaneRoute =
  | { operation: 'Publish'; topic: string }
  | {
      operation: 'GetThingShadow' | 'UpdateThingShadow' | 'DeleteThingShadow';
      thingName: string;
      /** `undefined` for the classic shadow (no `name` query parameter). */
      shadowName: string | undefined;
    }
  | { operation: 'ListNamedShadowsForThing'; thingName: string }
  | { operation: 'GetRetainedMessage'; topic: string }
  | { operation: 'ListRetainedMessages' };

/** An HTTP answer, before it is written. */
export interface DataPlaneResponse {
  status: number;
  /** JSON text, or bytes sent as they are. */
  body: string;
  headers?: Record<string, string>;
}

/**
 * Who sent a data-plane request: a registered, ACTIVE client certificate presented in the TLS
 * handshake, or SigV4 credentials. `context` holds the policy variables AWS binds for it.
 */
export type DataPlaneIdentity =
  | { kind: 'certificate'; certificate: CertificateRecord; context: RequestContext }
  | { kind: 'sigv4'; credential: CredentialRecord; context: RequestContext };

/** Decides one action on one resource ARN for the request's identity. */
export type DataPlaneAuthorize = (action: string, resource: string) => boolean;

/** One routed, authenticated data-plane request, as the operation handlers take it. */
export interface DataPlaneCall<Route extends DataPlaneRoute = DataPlaneRoute> {
  route: Route;
  query: URLSearchParams;
  body: Uint8Array;
  /** Who sent it (a Publish hands it on to the rules, as AWS's rules see HTTPS publishes). */
  identity: DataPlaneIdentity;
  authorize: DataPlaneAuthorize;
}
