import { LocalCloudError } from '../errors/LocalCloudError.js';

/** AWS's usual default page size for registry listings. */
export const DEFAULT_PAGE_SIZE = 25;
/** AWS's upper bound of `maxResults` for registry listings (ListThings, ListCertificates: 1–250). */
export const MAX_PAGE_SIZE = 250;

/**
 * The page size to use for `maxResults`. Defaults to `25`.
 *
 * @throws {LocalCloudError} `INVALID_REQUEST` unless it is an integer from 1 to 250.
 */
export function resolvePageSize(maxResults: number | undefined): number {
  if (maxResults === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_PAGE_SIZE) {
    throw new LocalCloudError(
      'INVALID_REQUEST',
      `Unexpected maxResults ${maxResults}, expected an integer from 1 to ${MAX_PAGE_SIZE}`,
    );
  }
  return maxResults;
}
