import type { ShadowRequestOperation } from '@iot-gateway-net/shadow';

/**
 * Which API a shadow request came through. It decides what is published on MQTT: an MQTT request
 * gets every answer (`accepted`, `rejected`, `delta`, `documents`); an HTTPS request gets its answer
 * in the HTTP response and only the side effects of a successful update or delete are published
 * (AWS IoT Developer Guide, "Device Shadow error messages": a REST request gets its error in the
 * response "and no MQTT error messages are emitted"; "Interacting with shadows": a REST update
 * publishes `/update/delta`).
 */
export type ShadowProtocol = 'mqtt' | 'https';

/** One Device Shadow request, whichever API it came through. */
export interface ShadowRequest {
  operation: ShadowRequestOperation;
  thingName: string;
  /** `undefined` for the classic shadow. */
  shadowName: string | undefined;
  /** The request document (update) or the ignored body of get / delete. */
  payload: Uint8Array | string;
  protocol: ShadowProtocol;
  /**
   * The connection the request counts against for the in-flight limit (the MQTT client id).
   * Requests without one are not limited.
   */
  connectionId?: string | undefined;
}

/** The answer to a {@link ShadowRequest}, as the REST API returns it. */
export interface ShadowOutcome {
  /** `true` when the answer is the `accepted` document, `false` for an error document. */
  accepted: boolean;
  /** `200`, or the error document's `code` (400, 404, 409, 413, 415, 429, 500, ...). */
  status: number;
  /** JSON text of the accepted document or of the error document. */
  body: string;
}

/** Options of `createShadowEngine` and `createShadowService`. */
export interface ShadowServiceOptions {
  /**
   * Requests one connection may have in flight before the next is answered 429. Defaults to
   * `AWS_IOT_LIMITS.shadowInFlightRequests` (10, "Device Shadow error messages").
   */
  maxInFlightPerConnection?: number;
}

/** Executes Device Shadow requests; shared by the MQTT service and the HTTPS data plane. */
export interface ShadowEngine {
  /**
   * Reads the stored shadow, applies the request with `@iot-gateway-net/shadow`, stores the result
   * and publishes the MQTT answers. Requests on one shadow run one after another, in the order
   * they arrived. Never rejects: failures become error outcomes (500 `Internal service failure`).
   */
  execute(request: ShadowRequest): Promise<ShadowOutcome>;
  /** Resolves when every request accepted so far has finished. */
  drain(): Promise<void>;
}

/** The Device Shadow service bound to the broker; see `createShadowService`. */
export interface ShadowService extends ShadowEngine {
  /** Stops taking MQTT requests and waits for those in progress. */
  close(): Promise<void>;
}
