import type { z } from 'zod';
import { LocalCloudError } from '../errors/LocalCloudError.js';

/**
 * Reads a `nextToken` made by `encodePageToken` back into the sort key `schema` describes.
 *
 * @throws {LocalCloudError} `INVALID_REQUEST` when the token is not one this registry issued for
 *   this listing (AWS answers InvalidRequestException for a bad nextToken).
 */
export function decodePageToken<S extends z.ZodType>(token: string, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (error) {
    throw new LocalCloudError(
      'INVALID_REQUEST',
      `Unexpected nextToken "${token}", expected a token returned by the previous page`,
      { cause: error },
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new LocalCloudError(
      'INVALID_REQUEST',
      `Unexpected nextToken "${token}", expected a token returned by the previous page of this listing`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}
