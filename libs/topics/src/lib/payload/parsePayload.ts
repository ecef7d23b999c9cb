import type { z } from 'zod';
import { TopicError } from '../errors/TopicError.js';
import { describeReceived } from '../internal/describeReceived.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map(
      (issue) => `${issue.path.length === 0 ? '(root)' : issue.path.join('.')}: ${issue.message}`,
    )
    .join('; ');
}

/**
 * Decodes an MQTT payload (UTF-8 JSON, as bytes or text) and validates it with `schema`. An empty
 * payload decodes to `undefined`, which only schemas that allow it accept (AWS sends and expects
 * empty payloads on some topics, e.g. shadow `get`, CreateKeysAndCertificate).
 *
 * @param what names the expected payload in error messages, e.g. `'shadow update request'`.
 * @returns the schema's output (unknown keys stripped unless the schema keeps them).
 * @throws {TopicError} `INVALID_PAYLOAD` when the bytes are not UTF-8, the text is not JSON, or
 *   the JSON does not match; the message names what was expected and what was received, and
 *   `cause` holds the decoding, JSON or zod error.
 */
export function parsePayload<S extends z.ZodType>(
  schema: S,
  payload: Uint8Array | string,
  what: string,
): z.output<S> {
  let text: string;
  if (typeof payload === 'string') {
    text = payload;
  } else {
    try {
      text = decoder.decode(payload);
    } catch (cause) {
      throw new TopicError(
        'INVALID_PAYLOAD',
        `Unexpected ${what} payload: expected UTF-8 JSON, received ${payload.byteLength} bytes that are not valid UTF-8`,
        { cause },
      );
    }
  }
  let value: unknown;
  if (text.length > 0) {
    try {
      value = JSON.parse(text);
    } catch (cause) {
      throw new TopicError(
        'INVALID_PAYLOAD',
        `Unexpected ${what} payload: expected JSON, received ${describeReceived(text)}`,
        { cause },
      );
    }
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const received = text.length === 0 ? ' (received an empty payload)' : '';
    throw new TopicError(
      'INVALID_PAYLOAD',
      `Unexpected ${what} payload${received}: ${describeIssues(result.error)}`,
      { cause: result.error },
    );
  }
  return result.data;
}
