import { CliError } from '../errors/CliError.js';
import { EXIT_CODES } from '../errors/constants.js';
import { exitCodeFor } from '../errors/exitCodeFor.js';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** The one line amrctl prints for an error and the exit code it ends with. */
export interface FormattedError {
  readonly line: string;
  readonly exitCode: number;
}

/**
 * Turns any error into one line and an exit code: a {@link CliError} prints its message; an AWS
 * service error (also as the cause of a library error) prints `<name>: <message>`
 * (ResourceNotFoundException exits 3); an unreachable
 * endpoint and missing credentials get a hint. With `debug` the stack (and causes) follow.
 */
export function formatError(error: unknown, debug: boolean): FormattedError {
  const base = describe(error);
  const stack = debug ? stackOf(error) : '';
  return { line: `amrctl: ${base.text}\n${stack}`, exitCode: base.exitCode };
}

function describe(error: unknown): { text: string; exitCode: number } {
  if (error instanceof CliError) return { text: error.message, exitCode: exitCodeFor(error.code) };
  if (!(error instanceof Error)) return { text: String(error), exitCode: EXIT_CODES.failure };
  const network = networkCode(error);
  if (network !== undefined) {
    return {
      text: `Cannot reach the endpoint (${network}): ${error.message || network}; is the local cloud running, are the region and network right?`,
      exitCode: EXIT_CODES.failure,
    };
  }
  const service = serviceError(error);
  if (service !== undefined) {
    const exitCode =
      service.name === 'ResourceNotFoundException' ? EXIT_CODES.notFound : EXIT_CODES.failure;
    return { text: `${service.name}: ${service.message}`, exitCode };
  }
  if (error.name === 'CredentialsProviderError') {
    return {
      text: `CredentialsProviderError: ${error.message}; configure AWS credentials (aws configure, AWS_PROFILE, --profile) or use --local`,
      exitCode: EXIT_CODES.failure,
    };
  }
  if (error.name === 'FleetSetupError') {
    const code = (error as Error & { code?: string }).code;
    return {
      text: error.message,
      exitCode: code === 'INVALID_OPTIONS' ? EXIT_CODES.usage : EXIT_CODES.failure,
    };
  }
  return { text: `${error.name}: ${error.message}`, exitCode: EXIT_CODES.failure };
}

// Service errors that no other row or robot would escape: the credentials or the account are refused.
// AccessDeniedException, ExpiredTokenException and InvalidClientTokenId are in the AWS API
// reference's "Common Errors" (errors common to all services); UnrecognizedClientException and
// InvalidSignatureException are what JSON-protocol services such as AWS IoT answer for an unknown key
// or a bad SigV4 signature.
const TARGET_WIDE_SERVICE_ERRORS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'AccessDeniedException',
]);

/**
 * Whether an error concerns the whole target rather than one item (an unreachable endpoint, missing
 * or refused credentials, access denied): a bulk command stops at the first one instead of failing
 * every row the same way.
 */
export function isTargetWideError(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof CliError) return false;
  if (networkCode(error) !== undefined || error.name === 'CredentialsProviderError') return true;
  const service = serviceError(error);
  return service !== undefined && TARGET_WIDE_SERVICE_ERRORS.has(service.name);
}

// An AWS service error (it carries `$metadata`), itself or as the cause of a library's error.
function serviceError(error: Error): Error | undefined {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if ('$metadata' in current && '$fault' in current) return current;
  }
  return undefined;
}

// Errors from Node's sockets may come from another realm (Jest) or be stringified into a wrapper by
// the SDK's retry layer, so look at codes and messages, not at `instanceof`.
function networkCode(error: Error): string | undefined {
  for (let current: unknown = error; isObject(current); current = current['cause']) {
    const code = current['code'];
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    const inner = current['errors'];
    if (Array.isArray(inner)) {
      for (const item of inner as unknown[]) {
        const innerCode = isObject(item) ? item['code'] : undefined;
        if (typeof innerCode === 'string' && NETWORK_CODES.has(innerCode)) return innerCode;
      }
    }
    const message = current['message'];
    const named = typeof message === 'string' ? /\b(E[A-Z_]+)\b/u.exec(message)?.[1] : undefined;
    if (named !== undefined && NETWORK_CODES.has(named)) return named;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function stackOf(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    parts.push(current.stack ?? `${current.name}: ${current.message}`);
  }
  return parts.length === 0 ? '' : `${parts.join('\ncaused by: ')}\n`;
}
