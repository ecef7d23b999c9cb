import { PkiError } from '@iot-gateway-net/pki';
import type { LocalCloudError } from '../errors/LocalCloudError.js';
import type { AwsErrorName } from './awsErrors.js';
import { awsException } from './awsException.js';

/**
 * Wraps a failure of `@iot-gateway-net/pki` (a malformed PEM or CSR, an unsupported key) in the AWS
 * exception the operation answers with; other errors pass through unchanged.
 */
export function pkiFailure(error: unknown, name: AwsErrorName, field: string): unknown {
  if (!(error instanceof PkiError)) return error;
  const wrapped: LocalCloudError = awsException(
    name,
    `Unexpected ${field}: ${error.message}`,
    {},
    { cause: error },
  );
  return wrapped;
}
