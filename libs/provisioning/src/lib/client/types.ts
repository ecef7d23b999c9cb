import type {
  CreateCertificateFromCsrAccepted,
  CreateKeysAndCertificateAccepted,
  PayloadFormat,
  RegisterThingAccepted,
  RegisterThingRequest,
} from '@iot-gateway-net/topics';
import type { ProvisioningConnection } from '../connection/types.js';
import type { RetryPolicy } from '../retry/types.js';

/** A source of the current time in epoch milliseconds. */
export interface ProvisioningClock {
  now(): number;
}

/** The RegisterThing request body plus what the client needs to judge the token's age. */
export type RegisterThingOptions = RegisterThingRequest & {
  /**
   * When the ownership token was issued (epoch ms, same clock as the client's). Only needed for a
   * token this client did not fetch itself; otherwise the client knows. Without either, the token
   * is taken as issued when `registerThing` was called.
   */
  readonly tokenIssuedAt?: number;
};

/** Options of {@link createProvisioningClient}. */
export interface ProvisioningClientOptions {
  /** The MQTT session (usually the claim-certificate one) to provision over. */
  readonly connection: ProvisioningConnection;
  /** Payload encoding of requests and answers. Defaults to `'json'`. */
  readonly format?: PayloadFormat;
  /** How long one attempt waits for its answer, subscription and publish included. Defaults to `10_000` ms. */
  readonly timeoutMs?: number;
  /**
   * Retry policy for timeouts and throttled or failed (429/5xx) answers. Defaults to
   * `{ attempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000 }`; fields left out keep their default.
   */
  readonly retry?: Partial<RetryPolicy>;
  /** Jitter source in `[0, 1)`. Defaults to `Math.random`. */
  readonly random?: () => number;
  /**
   * Waits between retries. Defaults to a `setTimeout` promise that ends early when the client is
   * disposed (the signal aborts); an injected sleep may ignore the signal.
   */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Clock for the 1-hour ownership-token lifetime. Defaults to `Date.now`. */
  readonly clock?: ProvisioningClock;
}

/** A fleet provisioning client over one MQTT connection; see {@link createProvisioningClient}. */
export interface ProvisioningClient {
  /**
   * CreateKeysAndCertificate: AWS generates a key pair and a PENDING_ACTIVATION certificate.
   * The result holds the private key: store it, never log it.
   */
  createKeysAndCertificate(): Promise<CreateKeysAndCertificateAccepted>;
  /** CreateCertificateFromCsr: AWS signs `csrPem` (PEM PKCS #10); the key never leaves the device. */
  createCertificateFromCsr(csrPem: string): Promise<CreateCertificateFromCsrAccepted>;
  /** RegisterThing: runs `templateName` with the ownership token and optional `parameters`. */
  registerThing(
    templateName: string,
    options: RegisterThingOptions,
  ): Promise<RegisterThingAccepted>;
  /**
   * Rejects every queued and waiting call with `DISPOSED`, removes the message listener and clears
   * timers at once; the returned promise settles when the UNSUBSCRIBE of the kept answer topics is
   * done. It never rejects: the connection may already be closed. Calling it again is harmless.
   */
  dispose(): Promise<void>;
}
