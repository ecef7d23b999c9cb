import type { z } from 'zod';
import type { CloudContext } from '../context/CloudContext.js';
import type { LocalCloudErrorCode } from '../errors/LocalCloudError.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import type { AwsErrorName } from './awsErrors.js';

/** The parts of a request an operation reads: path labels, query, headers and JSON body (all decoded). */
export interface RequestParts {
  labels: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** HTTP methods of the AWS IoT REST API. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What an operation returns: the JSON body of a 200 answer, or `undefined` for an empty one. */
export type OperationOutput = Record<string, unknown> | undefined;

/** A parsed request, ready to be authorized and run. */
export interface PreparedOperation {
  /** The ARN IAM authorizes `iot:<Operation>` on (`*` when the action has no resource type). */
  readonly resource: string;
  run(): Promise<OperationOutput>;
}

/** One control-plane operation (`CreateThing`, ...), as the router sees it. */
export interface ControlPlaneOperation {
  /** The API name; the IAM action is `iot:<name>`. */
  readonly name: string;
  readonly method: HttpMethod;
  /** The path template of `@aws-sdk/client-iot`, e.g. `/things/{thingName}`. */
  readonly path: string;
  /** AWS exceptions for error codes, where they differ from the defaults. */
  readonly errors: Partial<Record<LocalCloudErrorCode, AwsErrorName>>;
  /**
   * Parses the request.
   *
   * @throws {LocalCloudError} `INVALID_REQUEST` naming the field, what was expected and what was received.
   */
  prepare(parts: RequestParts, ctx: CloudContext): PreparedOperation;
}

/** What an operation file declares; see {@link defineOperation}. */
export interface OperationDefinition<S extends z.ZodType> {
  name: string;
  method: HttpMethod;
  path: string;
  /** Parses {@link RequestParts}; zod errors become InvalidRequestException. */
  input: S;
  /** The IAM resource ARN of a request. Defaults to `*`. */
  resource?: (input: z.output<S>, ctx: CloudContext) => string;
  errors?: Partial<Record<LocalCloudErrorCode, AwsErrorName>>;
  run: (input: z.output<S>, ctx: CloudContext) => OperationOutput | Promise<OperationOutput>;
}

/**
 * Turns an operation file's declaration into a {@link ControlPlaneOperation}: the request parts are
 * parsed with `input`, a zod failure becomes `INVALID_REQUEST` (cause = the zod error) naming the
 * first wrong field, what was expected and what was received.
 */
export function defineOperation<S extends z.ZodType>(
  definition: OperationDefinition<S>,
): ControlPlaneOperation {
  return {
    name: definition.name,
    method: definition.method,
    path: definition.path,
    errors: definition.errors ?? {},
    prepare(parts, ctx) {
      const parsed = definition.input.safeParse(parts);
      if (!parsed.success) {
        throw new LocalCloudError('INVALID_REQUEST', describeIssue(parsed.error, parts), {
          cause: parsed.error,
        });
      }
      const input = parsed.data;
      return {
        resource: definition.resource ? definition.resource(input, ctx) : '*',
        run: async () => definition.run(input, ctx),
      };
    },
  };
}

const PART_NAMES: Record<string, string> = {
  labels: 'path parameter',
  query: 'query parameter',
  headers: 'header',
  body: 'body field',
};

function describeIssue(error: z.ZodError, parts: RequestParts): string {
  const issue = error.issues[0];
  if (!issue) return 'Unexpected request';
  const [part, ...rest] = issue.path.map(String);
  let received: unknown = parts;
  for (const key of issue.path) {
    received =
      received !== null && typeof received === 'object'
        ? (received as Record<string, unknown>)[String(key)]
        : undefined;
  }
  const where = `${PART_NAMES[part ?? ''] ?? 'field'} ${rest.join('.') || part}`;
  const shown = received === undefined ? 'nothing' : JSON.stringify(received);
  return `Unexpected ${where}: received ${shown && shown.length > 200 ? `${shown.slice(0, 200)}...` : shown}, expected ${issue.message}`;
}
