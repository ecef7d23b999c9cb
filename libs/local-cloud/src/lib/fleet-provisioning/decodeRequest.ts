import { parsePayload, TopicError, type PayloadFormat } from '@iot-gateway-net/topics';
import type { z } from 'zod';
import type { LocalCloudError } from '../errors/LocalCloudError.js';
import { cborCodec } from './cbor.js';
import { provisioningFailure } from './provisioningFailure.js';

/**
 * Decodes a fleet-provisioning request in its topic's format (UTF-8 JSON or CBOR) and validates it
 * with `schema`. An empty payload decodes to `undefined`.
 *
 * @throws {LocalCloudError} a 400 `InvalidPayload` rejection naming what was expected, when the
 *   bytes do not decode or do not match.
 */
export function decodeRequest<S extends z.ZodType>(
  format: PayloadFormat,
  payload: Uint8Array,
  schema: S,
  what: string,
): z.output<S> {
  if (format === 'json') {
    try {
      return parsePayload(schema, payload, what);
    } catch (error) {
      throw invalid(error instanceof TopicError ? error.message : `Unexpected ${what}`, error);
    }
  }
  let value: unknown;
  if (payload.byteLength > 0) {
    try {
      value = cborCodec.decode(payload);
    } catch (error) {
      throw invalid(
        `Unexpected ${what} payload: expected CBOR, received ${payload.byteLength} bytes that do not decode`,
        error,
      );
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(
      `Unexpected ${what} payload: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`,
      parsed.error,
    );
  }
  return parsed.data;
}

function invalid(message: string, cause: unknown): LocalCloudError {
  return provisioningFailure(400, 'InvalidPayload', message, { cause });
}
