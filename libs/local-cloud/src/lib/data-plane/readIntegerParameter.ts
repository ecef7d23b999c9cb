import { LocalCloudError } from '../errors/LocalCloudError.js';

/**
 * Reads an optional integer query parameter such as `maxResults` or `pageSize`.
 *
 * @returns `undefined` when the parameter is absent.
 * @throws {LocalCloudError} `INVALID_REQUEST` when it is not an integer in `[min, max]`.
 */
export function readIntegerParameter(
  query: URLSearchParams,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new LocalCloudError(
      'INVALID_REQUEST',
      `Unexpected ${name} "${text}", expected an integer from ${min} to ${max}`,
    );
  }
  return value;
}
