import { ProvisioningError } from '../errors/ProvisioningError.js';

/** HTTP-style status AWS uses for throttling in the `rejected` payload. */
const TOO_MANY_REQUESTS = 429;
const FIRST_SERVER_ERROR = 500;

/**
 * Whether a failed attempt may be tried again: timeouts, throttling (`429`) and server-side
 * failures (`5xx`, e.g. `InternalFailure`, `ServiceUnavailable`). Client errors (`4xx`) would fail
 * the same way again, and invalid answers or connection failures need the caller's attention.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ProvisioningError)) {
    return false;
  }
  switch (error.code) {
    case 'TIMEOUT':
      return true;
    case 'REJECTED': {
      const status = error.rejection?.statusCode;
      return status !== undefined && (status === TOO_MANY_REQUESTS || status >= FIRST_SERVER_ERROR);
    }
    case 'INVALID_RESPONSE':
    case 'INVALID_ARGUMENT':
    case 'DISPOSED':
    case 'CONNECTION':
      return false;
  }
}
