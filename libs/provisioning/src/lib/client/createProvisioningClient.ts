import {
  assertTemplateName,
  createCertificateFromCsrTopic,
  CreateCertificateFromCsrAcceptedSchema,
  CreateCertificateFromCsrRequestSchema,
  createKeysAndCertificateTopic,
  CreateKeysAndCertificateAcceptedSchema,
  ProvisioningRejectedSchema,
  RegisterThingAcceptedSchema,
  RegisterThingRequestSchema,
  registerThingTopic,
  type CreateCertificateFromCsrAccepted,
  type CreateKeysAndCertificateAccepted,
  type ProvisioningOperation,
  type ProvisioningReply,
  type RegisterThingAccepted,
} from '@iot-gateway-net/topics';
import type { z } from 'zod';
import { loadPayloadCodec, type PayloadCodec } from '../codec/loadPayloadCodec.js';
import type { QosOptions } from '../connection/types.js';
import { ProvisioningError } from '../errors/ProvisioningError.js';
import { isRetryable } from '../retry/isRetryable.js';
import { withRetry } from '../retry/withRetry.js';
import { assertCsrPem } from '../validation/assertCsrPem.js';
import { assertParameters } from '../validation/assertParameters.js';
import { describeIssues } from '../validation/describeIssues.js';
import { describeValue } from '../validation/describeValue.js';
import { createSerialQueue } from './createSerialQueue.js';
import { resolveClientOptions } from './resolveClientOptions.js';
import type {
  ProvisioningClient,
  ProvisioningClientOptions,
  RegisterThingOptions,
} from './types.js';

/**
 * "The certificateOwnershipToken ... expires after one hour" (AWS IoT Developer Guide, "Device
 * provisioning MQTT API", CreateKeysAndCertificate and CreateCertificateFromCsr).
 */
const OWNERSHIP_TOKEN_LIFETIME_MS = 60 * 60 * 1_000;
const QOS_1: QosOptions = { qos: 1 };
/** AWS IoT Core accepts at most 8 filters per SUBSCRIBE / UNSUBSCRIBE. */
const FILTERS_PER_PACKET = 8;

/** One request/answer exchange of the fleet provisioning MQTT API. */
interface Exchange<S extends z.ZodType> {
  readonly operation: ProvisioningOperation;
  readonly topic: (reply?: ProvisioningReply) => string;
  readonly body: unknown;
  readonly acceptedSchema: S;
}

/** An accepted answer and when its successful request was published (by the client's clock). */
interface Answer<T> {
  readonly value: T;
  readonly publishedAt: number;
}

type MessageHandler = (topic: string, payload: Uint8Array) => void;

/**
 * Creates a client for the AWS IoT fleet provisioning MQTT API (CreateKeysAndCertificate,
 * CreateCertificateFromCsr, RegisterThing) over an MQTT connection, as in design 2.4.
 *
 * Behaviour, following the AWS IoT Developer Guide, "Device provisioning MQTT API":
 * - Before its first request, each operation (each template for RegisterThing) subscribes to its
 *   `accepted` and `rejected` topics and waits for the SUBACK; the subscriptions are kept for
 *   later calls and removed by `dispose()`. A failed subscription is tried again by the next call.
 * - AWS answers carry no correlation token, so at most one request per request topic is in flight:
 *   a concurrent call of the same kind (same template for RegisterThing) waits in a FIFO queue,
 *   retries included, and is not an error. Different kinds run concurrently.
 * - Requests and answers use the client's payload format; answers are checked with the
 *   `@iot-gateway-net/topics` schemas. An answer on the accepted or rejected topic that does not
 *   decode or validate fails the call with `INVALID_RESPONSE` at once (AWS never sends one, so it
 *   points at a wrong peer or format) and is not retried.
 * - Timeouts and rejections with status 429 or 5xx are retried with full-jitter exponential backoff;
 *   other rejections (4xx) are not. RegisterThing is retried only while the ownership token is still
 *   valid at the time of the next try: tokens live 1 hour, counted from the publish of the request
 *   that obtained them (an upper bound of their age).
 * - Without correlation, an answer that arrives late for a timed-out try is taken as the answer of
 *   the next try of the same kind; for certificate creation it is a valid certificate either way.
 * - Messages on other topics are ignored. Errors never contain private keys or ownership tokens.
 *
 * @throws {ProvisioningError} `INVALID_ARGUMENT` for invalid options. The returned methods reject with
 *   `INVALID_ARGUMENT` (before publishing), `REJECTED` (with `rejection`), `TIMEOUT`,
 *   `INVALID_RESPONSE`, `CONNECTION` or `DISPOSED`.
 */
export function createProvisioningClient(options: ProvisioningClientOptions): ProvisioningClient {
  const { connection, format, timeoutMs, retry, random, sleep, clock } =
    resolveClientOptions(options);
  const lifetime = new AbortController();
  const queue = createSerialQueue();
  /** Answer handlers by accepted/rejected topic; only the in-flight try of each kind has one. */
  const waiters = new Map<string, MessageHandler>();
  /** SUBACK promises by request topic. */
  const subscriptions = new Map<string, Promise<void>>();
  const subscribedFilters = new Set<string>();
  /** Publish time of the request that obtained each ownership token still unregistered. */
  const tokenIssuedAt = new Map<string, number>();
  let disposal: Promise<void> | undefined;
  /** Loaded before the first request: cbor-x only for `cbor`. */
  let codecLoad: Promise<PayloadCodec> | undefined;

  const removeMessageListener = connection.onMessage((topic, payload) => {
    waiters.get(topic)?.(topic, payload);
  });

  const disposedError = (operation: ProvisioningOperation): ProvisioningError =>
    new ProvisioningError(
      'DISPOSED',
      `${operation} was cancelled because the provisioning client was disposed, expected calls before dispose()`,
      { operation },
    );

  function ensureSubscribed(exchange: Exchange<z.ZodType>): Promise<void> {
    const requestTopic = exchange.topic();
    const cached = subscriptions.get(requestTopic);
    if (cached !== undefined) {
      return cached;
    }
    const filters = [exchange.topic('accepted'), exchange.topic('rejected')];
    filters.forEach((filter) => subscribedFilters.add(filter));
    // Deferred by a microtask so an implementation that throws synchronously still rejects.
    const pending = Promise.resolve()
      .then(() => connection.subscribe(filters, QOS_1))
      .catch((error: unknown) => {
        subscriptions.delete(requestTopic);
        throw error instanceof ProvisioningError
          ? error
          : new ProvisioningError(
              'CONNECTION',
              `Subscribing to ${filters.map((filter) => `"${filter}"`).join(' and ')} failed, expected a SUBACK granting QoS 1`,
              { cause: error, operation: exchange.operation },
            );
      });
    subscriptions.set(requestTopic, pending);
    return pending;
  }

  /** Decodes and checks an answer: the accepted value, or the error the call fails with. */
  function readAnswer<S extends z.ZodType>(
    exchange: Exchange<S>,
    codec: PayloadCodec,
    topic: string,
    payload: Uint8Array,
  ): { readonly value: z.output<S> } | { readonly error: ProvisioningError } {
    const { operation } = exchange;
    const rejected = topic === exchange.topic('rejected');
    const invalid = (problem: string, cause: unknown) => ({
      error: new ProvisioningError(
        'INVALID_RESPONSE',
        `Unexpected ${operation} answer on "${topic}" (${problem}), expected the AWS ${rejected ? 'rejected' : 'accepted'} payload`,
        { cause, operation },
      ),
    });
    let decoded: unknown;
    try {
      decoded = codec.decode(payload);
    } catch (error) {
      return invalid(error instanceof Error ? error.message : 'undecodable', error);
    }
    if (rejected) {
      const rejection = ProvisioningRejectedSchema.safeParse(decoded);
      if (!rejection.success) {
        return invalid(describeIssues(rejection.error), rejection.error);
      }
      const { statusCode, errorCode, errorMessage } = rejection.data;
      return {
        error: new ProvisioningError(
          'REJECTED',
          `${operation} rejected by AWS IoT: ${statusCode} ${errorCode}: ${errorMessage}`,
          { operation, rejection: rejection.data },
        ),
      };
    }
    const accepted = exchange.acceptedSchema.safeParse(decoded);
    return accepted.success
      ? { value: accepted.data }
      : invalid(describeIssues(accepted.error), accepted.error);
  }

  /** One try: subscribe (once), publish, wait for the answer or the timeout. */
  function attempt<S extends z.ZodType>(exchange: Exchange<S>): Promise<Answer<z.output<S>>> {
    const { operation } = exchange;
    const requestTopic = exchange.topic();
    const acceptedTopic = exchange.topic('accepted');
    const rejectedTopic = exchange.topic('rejected');
    const { signal } = lifetime;
    if (signal.aborted) {
      return Promise.reject(disposedError(operation));
    }
    return new Promise((resolve, reject) => {
      let settled = false;
      let publishedAt = clock.now();
      let codec: PayloadCodec | undefined;
      const finish = (outcome: () => void): void => {
        if (settled) {
          return;
        }
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (waiters.get(acceptedTopic) === onAnswer) {
          waiters.delete(acceptedTopic);
          waiters.delete(rejectedTopic);
        }
        outcome();
      };
      const onAbort = (): void => finish(() => reject(disposedError(operation)));
      // Registered only once the codec is loaded (below), so `codec` is always there.
      const onAnswer: MessageHandler = (topic, payload) =>
        finish(() => {
          if (codec === undefined) {
            reject(
              new ProvisioningError(
                'INVALID_RESPONSE',
                `Unexpected ${operation} answer on "${topic}" before the request was published`,
                { operation },
              ),
            );
            return;
          }
          const answer = readAnswer(exchange, codec, topic, payload);
          if ('error' in answer) {
            reject(answer.error);
          } else {
            resolve({ value: answer.value, publishedAt });
          }
        });
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new ProvisioningError(
                'TIMEOUT',
                `No ${operation} answer within ${timeoutMs} ms, expected one on "${acceptedTopic}" or "${rejectedTopic}" after publishing to "${requestTopic}"`,
                { operation },
              ),
            ),
          ),
        timeoutMs,
      );
      signal.addEventListener('abort', onAbort, { once: true });

      ensureSubscribed(exchange)
        .then(async () => {
          codec = await (codecLoad ??= loadPayloadCodec(format));
          if (settled) {
            return;
          }
          // Listen before publishing: AWS may answer before the PUBACK arrives.
          waiters.set(acceptedTopic, onAnswer);
          waiters.set(rejectedTopic, onAnswer);
          publishedAt = clock.now();
          try {
            await connection.publish(requestTopic, codec.encode(exchange.body), QOS_1);
          } catch (error) {
            throw new ProvisioningError(
              'CONNECTION',
              `Publishing the ${operation} request to "${requestTopic}" failed, expected a PUBACK`,
              { cause: error, operation },
            );
          }
        })
        .catch((error: unknown) =>
          finish(() =>
            reject(
              error instanceof ProvisioningError
                ? error
                : new ProvisioningError('CONNECTION', `${operation} failed before publishing`, {
                    cause: error,
                    operation,
                  }),
            ),
          ),
        );
    });
  }

  /** Queues the exchange behind others of its kind and retries it per the policy. */
  function run<S extends z.ZodType>(
    exchange: Exchange<S>,
    canRetry: (error: unknown, delayMs: number) => boolean = isRetryable,
    before?: () => void,
  ): Promise<Answer<z.output<S>>> {
    return queue.run(exchange.topic(), () => {
      if (lifetime.signal.aborted) {
        return Promise.reject(disposedError(exchange.operation));
      }
      before?.();
      return withRetry(() => attempt(exchange), {
        policy: retry,
        random,
        sleep,
        signal: lifetime.signal,
        abortError: () => disposedError(exchange.operation),
        canRetry,
      });
    });
  }

  function rememberToken(token: string, publishedAt: number): void {
    const now = clock.now();
    for (const [known, issuedAt] of tokenIssuedAt) {
      if (now >= issuedAt + OWNERSHIP_TOKEN_LIFETIME_MS) {
        tokenIssuedAt.delete(known);
      }
    }
    tokenIssuedAt.set(token, publishedAt);
  }

  function rejectIfDisposed(operation: ProvisioningOperation): void {
    if (lifetime.signal.aborted) {
      throw disposedError(operation);
    }
  }

  return {
    async createKeysAndCertificate(): Promise<CreateKeysAndCertificateAccepted> {
      rejectIfDisposed('CreateKeysAndCertificate');
      const answer = await run({
        operation: 'CreateKeysAndCertificate',
        topic: (reply) => createKeysAndCertificateTopic(format, reply),
        // The guide allows an empty payload; the AWS IoT Device SDKs send `{}`.
        body: {},
        acceptedSchema: CreateKeysAndCertificateAcceptedSchema,
      });
      rememberToken(answer.value.certificateOwnershipToken, answer.publishedAt);
      return answer.value;
    },

    async createCertificateFromCsr(csrPem: string): Promise<CreateCertificateFromCsrAccepted> {
      const operation = 'CreateCertificateFromCsr';
      rejectIfDisposed(operation);
      assertCsrPem(csrPem);
      const request = CreateCertificateFromCsrRequestSchema.safeParse({
        certificateSigningRequest: csrPem,
      });
      if (!request.success) {
        throw new ProvisioningError(
          'INVALID_ARGUMENT',
          `Unexpected certificate signing request: ${describeValue(csrPem)} (${describeIssues(request.error)}), expected a CreateCertificateFromCsr request AWS accepts`,
          { cause: request.error, operation },
        );
      }
      const answer = await run({
        operation,
        topic: (reply) => createCertificateFromCsrTopic(format, reply),
        body: request.data,
        acceptedSchema: CreateCertificateFromCsrAcceptedSchema,
      });
      rememberToken(answer.value.certificateOwnershipToken, answer.publishedAt);
      return answer.value;
    },

    async registerThing(
      templateName: string,
      registerOptions: RegisterThingOptions,
    ): Promise<RegisterThingAccepted> {
      const operation = 'RegisterThing';
      rejectIfDisposed(operation);
      const calledAt = clock.now();
      try {
        assertTemplateName(templateName);
      } catch (error) {
        throw new ProvisioningError(
          'INVALID_ARGUMENT',
          error instanceof Error ? error.message : 'Unexpected template name',
          { cause: error, operation },
        );
      }
      if (typeof registerOptions !== 'object' || registerOptions === null) {
        throw new ProvisioningError(
          'INVALID_ARGUMENT',
          `Unexpected RegisterThing options: ${describeValue(registerOptions)}, expected { certificateOwnershipToken, parameters? }`,
          { operation },
        );
      }
      const {
        certificateOwnershipToken: token,
        parameters,
        tokenIssuedAt: givenIssuedAt,
      } = registerOptions;
      if (typeof token !== 'string' || token.length === 0) {
        throw new ProvisioningError(
          'INVALID_ARGUMENT',
          `Unexpected certificateOwnershipToken: ${typeof token === 'string' ? 'an empty string' : `a value of type ${typeof token}`}, expected the non-empty token of CreateKeysAndCertificate or CreateCertificateFromCsr`,
          { operation },
        );
      }
      assertParameters(parameters);
      if (givenIssuedAt !== undefined && !Number.isFinite(givenIssuedAt)) {
        throw new ProvisioningError(
          'INVALID_ARGUMENT',
          `Unexpected tokenIssuedAt ${String(givenIssuedAt)}, expected epoch milliseconds`,
          { operation },
        );
      }
      const request = RegisterThingRequestSchema.safeParse({
        certificateOwnershipToken: token,
        ...(parameters === undefined ? {} : { parameters }),
      });
      if (!request.success) {
        throw new ProvisioningError(
          'INVALID_ARGUMENT',
          `Unexpected RegisterThing request (${describeIssues(request.error)}), expected { certificateOwnershipToken: string, parameters?: { [key: string]: string } } within AWS limits`,
          { cause: request.error, operation },
        );
      }

      // The earliest moment the token may have been issued bounds its remaining life.
      const issuedAt = givenIssuedAt ?? tokenIssuedAt.get(token) ?? calledAt;
      const expiresAt = issuedAt + OWNERSHIP_TOKEN_LIFETIME_MS;
      const answer = await run(
        {
          operation,
          topic: (reply) => registerThingTopic(templateName, format, reply),
          body: request.data,
          acceptedSchema: RegisterThingAcceptedSchema,
        },
        (error, delayMs) => isRetryable(error) && clock.now() + delayMs < expiresAt,
        () => {
          if (clock.now() >= expiresAt) {
            throw new ProvisioningError(
              'INVALID_ARGUMENT',
              `Unexpected certificateOwnershipToken issued at ${new Date(issuedAt).toISOString()}: it expired 1 hour later, expected a token younger than 1 hour (create a new certificate)`,
              { operation },
            );
          }
        },
      );
      tokenIssuedAt.delete(token);
      return answer.value;
    },

    dispose(): Promise<void> {
      if (disposal !== undefined) {
        return disposal;
      }
      lifetime.abort();
      removeMessageListener();
      waiters.clear();
      tokenIssuedAt.clear();
      subscriptions.clear();
      const filters = [...subscribedFilters];
      subscribedFilters.clear();
      const unsubscribes: Promise<void>[] = [];
      for (let start = 0; start < filters.length; start += FILTERS_PER_PACKET) {
        const chunk = filters.slice(start, start + FILTERS_PER_PACKET);
        // Best effort: the connection is often closed already when provisioning is over.
        unsubscribes.push(connection.unsubscribe(chunk).catch(() => undefined));
      }
      // An offline MQTT.js client queues the UNSUBSCRIBE until it reconnects: do not wait forever.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      disposal = Promise.race([Promise.all(unsubscribes), deadline]).then(() => {
        clearTimeout(timer);
      });
      return disposal;
    },
  };
}
