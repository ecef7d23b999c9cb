import type { ShadowError as ShadowErrorPayload } from '@iot-gateway-net/topics';
import { describeValue } from '../internal/describeValue.js';
import { SHADOW_ERRORS, type ShadowErrorCode, type ShadowErrorStatus } from './catalog.js';
import { shadowErrorPayload } from './shadowErrorPayload.js';

/** Options of {@link ShadowError} and its named constructors. */
export interface ShadowErrorOptions {
  /** The underlying error, e.g. a zod or `JSON.parse` error. */
  cause?: unknown;
  /** The request's `clientToken`, echoed in the error document. */
  clientToken?: string;
}

/**
 * The one error class of `@iot-gateway-net/shadow`. `message` is for developers (it names the value
 * received and the value expected); `status` and `awsMessage` are what the Device Shadow service
 * answers, and {@link ShadowError.toPayload} builds that answer. The static methods build each
 * error AWS documents (AWS IoT Developer Guide, "Device Shadow error messages").
 */
export class ShadowError extends Error {
  override readonly name = 'ShadowError' as const;
  readonly code: ShadowErrorCode;
  /** HTTP status AWS answers with (the error document's `code`). */
  readonly status: ShadowErrorStatus;
  /** AWS's exact message text (the error document's `message`). */
  readonly awsMessage: string;
  /** The request's `clientToken`, when it could be read. */
  readonly clientToken: string | undefined;

  /**
   * @param awsMessage overrides the catalog text; only `SHADOW_NOT_FOUND` needs it (the name).
   */
  constructor(
    code: ShadowErrorCode,
    message: string,
    options: ShadowErrorOptions & { awsMessage?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = SHADOW_ERRORS[code].status;
    this.awsMessage = options.awsMessage ?? SHADOW_ERRORS[code].message;
    this.clientToken = options.clientToken;
  }

  /**
   * The error document AWS publishes for this error: `{ code, message, timestamp?, clientToken? }`,
   * with `timestamp` (epoch seconds of `now`) only for the codes AWS sends it with (see
   * {@link SHADOW_ERRORS}).
   *
   * @param options.clientToken overrides the token carried by the error.
   */
  toPayload(options: { now: number; clientToken?: string }): ShadowErrorPayload {
    const clientToken = options.clientToken ?? this.clientToken;
    return shadowErrorPayload(this.status, this.awsMessage, {
      ...(SHADOW_ERRORS[this.code].timestamp ? { now: options.now } : {}),
      ...(clientToken === undefined ? {} : { clientToken }),
    });
  }

  /** Rebuilds an error from an AWS error document, e.g. to throw what `applyUpdate` returned. */
  static fromPayload(payload: ShadowErrorPayload): ShadowError {
    const code = codeOfPayload(payload);
    return new ShadowError(code, `Shadow request rejected: ${payload.code} ${payload.message}`, {
      awsMessage: payload.message,
      ...(payload.clientToken === undefined ? {} : { clientToken: payload.clientToken }),
    });
  }

  /** 400 `Invalid JSON`: the payload is not JSON. */
  static invalidJson(detail: string, options?: ShadowErrorOptions): ShadowError {
    return new ShadowError(
      'INVALID_JSON',
      `Unexpected shadow request payload: expected a JSON document, ${detail}`,
      options,
    );
  }

  /** 400 `Missing required node: state`. */
  static missingState(received: unknown, options?: ShadowErrorOptions): ShadowError {
    return new ShadowError(
      'MISSING_STATE',
      `Unexpected shadow update request ${describeValue(received)}: expected an object with a "state" node`,
      options,
    );
  }

  /** 400 `State node must be an object`. */
  static stateNotObject(received: unknown, options?: ShadowErrorOptions): ShadowError {
    return new ShadowError(
      'STATE_NOT_OBJECT',
      `Unexpected "state" ${describeValue(received)}: expected an object or null`,
      options,
    );
  }

  /** 400 `Desired node must be an object`. */
  static desiredNotObject(received: unknown, options?: ShadowErrorOptions): ShadowError {
    return new ShadowError(
      'DESIRED_NOT_OBJECT',
      `Unexpected "state.desired" ${describeValue(received)}: expected an object or null`,
      options,
    );
  }

  /** 400 `Reported node must be an object`. */
  static reportedNotObject(received: unknown, options?: ShadowErrorOptions): ShadowError {
    return new ShadowError(
      'REPORTED_NOT_OBJECT',
      `Unexpected "state.reported" ${describeValue(received)}: expected an object or null`,
      options,
    );
  }

  /** 400 `Invalid version`: `version` is not a non-negative integer. */
  static invalidVersion(received: unknown, options?: ShadowErrorOptions): ShadowError {
    return new ShadowError(
      'INVALID_VERSION',
      `Unexpected "version" ${describeValue(received)}: expected a non-negative integer`,
      options,
    );
  }

  /** 400 `Invalid clientToken`: not a string, or longer than `maxBytes` UTF-8 bytes. */
  static invalidClientToken(
    received: unknown,
    maxBytes: number,
    options?: ShadowErrorOptions,
  ): ShadowError {
    return new ShadowError(
      'INVALID_CLIENT_TOKEN',
      `Unexpected "clientToken" ${describeValue(received)}: expected a string of at most ${maxBytes} UTF-8 bytes`,
      options,
    );
  }

  /** 400 `JSON contains too many levels of nesting; maximum is 6`. */
  static tooDeep(section: string, maxDepth: number, options?: ShadowErrorOptions): ShadowError {
    return new ShadowError(
      'TOO_DEEP',
      `Unexpected nesting in "state.${section}": expected at most ${maxDepth} levels of objects and arrays`,
      options,
    );
  }

  /** 400 `State contains an invalid node`: a key of `state` other than `desired` / `reported`. */
  static invalidStateNode(key: string, options?: ShadowErrorOptions): ShadowError {
    return new ShadowError(
      'INVALID_STATE_NODE',
      `Unexpected node ${describeValue(key)} in "state": expected only "desired" and "reported"`,
      options,
    );
  }

  /** 400 `Invalid JSON` for an array holding `null`, which AWS rejects. */
  static nullInArray(section: string, options?: ShadowErrorOptions): ShadowError {
    return new ShadowError(
      'NULL_IN_ARRAY',
      `Unexpected null inside an array of "state.${section}": expected arrays without null values`,
      options,
    );
  }

  /** 401 `Unauthorized`. */
  static unauthorized(detail: string, options?: ShadowErrorOptions): ShadowError {
    return new ShadowError('UNAUTHORIZED', `Shadow request unauthorized: ${detail}`, options);
  }

  /** 403 `Forbidden`. */
  static forbidden(detail: string, options?: ShadowErrorOptions): ShadowError {
    return new ShadowError('FORBIDDEN', `Shadow request forbidden: ${detail}`, options);
  }

  /** 404 `Thing not found`. */
  static thingNotFound(thingName: string, options?: ShadowErrorOptions): ShadowError {
    return new ShadowError(
      'THING_NOT_FOUND',
      `Unexpected thing name ${describeValue(thingName)}: expected a registered thing`,
      options,
    );
  }

  /**
   * 404 `No shadow exists with name: '<name>'`, where the name is the shadow name of a named
   * shadow and the thing name of the classic one, as AWS answers.
   */
  static shadowNotFound(
    thingName: string,
    shadowName?: string,
    options?: ShadowErrorOptions,
  ): ShadowError {
    const name = shadowName ?? thingName;
    const which = shadowName === undefined ? 'classic shadow' : `shadow "${shadowName}"`;
    return new ShadowError(
      'SHADOW_NOT_FOUND',
      `No ${which} for thing "${thingName}": expected a shadow created by an update`,
      { ...options, awsMessage: `${SHADOW_ERRORS.SHADOW_NOT_FOUND.message}'${name}'` },
    );
  }

  /** 409 `Version conflict`: the request's `version` is not the stored one. */
  static versionConflict(
    received: number,
    stored: number,
    options?: ShadowErrorOptions,
  ): ShadowError {
    return new ShadowError(
      'VERSION_CONFLICT',
      `Unexpected shadow version ${received}, expected the stored version ${stored}`,
      options,
    );
  }

  /** 413 `The payload exceeds the maximum size allowed`. */
  static payloadTooLarge(
    what: string,
    bytes: number,
    maxBytes: number,
    options?: ShadowErrorOptions,
  ): ShadowError {
    return new ShadowError(
      'PAYLOAD_TOO_LARGE',
      `Unexpected ${what} of ${bytes} bytes, expected at most ${maxBytes} bytes`,
      options,
    );
  }

  /** 415 `Unsupported documented encoding; supported encoding is UTF-8`. */
  static unsupportedEncoding(bytes: number, options?: ShadowErrorOptions): ShadowError {
    return new ShadowError(
      'UNSUPPORTED_ENCODING',
      `Unexpected shadow request payload of ${bytes} bytes that are not valid UTF-8, expected UTF-8 JSON`,
      options,
    );
  }

  /** 429: more in-flight requests on one connection than AWS allows. */
  static tooManyRequests(
    inFlight: number,
    maxInFlight: number,
    options?: ShadowErrorOptions,
  ): ShadowError {
    return new ShadowError(
      'TOO_MANY_REQUESTS',
      `Unexpected ${inFlight} in-flight shadow requests on one connection, expected at most ${maxInFlight}`,
      options,
    );
  }

  /** 500 `Internal service failure`. */
  static internalFailure(detail: string, options?: ShadowErrorOptions): ShadowError {
    return new ShadowError('INTERNAL_FAILURE', `Shadow service failure: ${detail}`, options);
  }
}

function codeOfPayload(payload: ShadowErrorPayload): ShadowErrorCode {
  if (payload.code === 404) {
    return payload.message.startsWith(SHADOW_ERRORS.SHADOW_NOT_FOUND.message)
      ? 'SHADOW_NOT_FOUND'
      : 'THING_NOT_FOUND';
  }
  for (const [code, entry] of Object.entries(SHADOW_ERRORS)) {
    if (entry.status === payload.code && entry.message === payload.message) {
      return code as ShadowErrorCode;
    }
  }
  for (const [code, entry] of Object.entries(SHADOW_ERRORS)) {
    if (entry.status === payload.code) {
      return code as ShadowErrorCode;
    }
  }
  return 'INTERNAL_FAILURE';
}
