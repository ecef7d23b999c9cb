import type { Page, PageRequest } from '../registry/types.js';

// The registry's largest page: fewer round trips when a principal has many attachments.
const PAGE_SIZE = 250;

/**
 * Reads every page of a paginated registry listing, following `nextToken`.
 *
 * @throws whatever `fetch` throws (`LocalCloudError` from the registry).
 */
export function collectPages<T>(fetch: (request: PageRequest) => Page<T>): T[] {
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = fetch(
      nextToken === undefined ? { maxResults: PAGE_SIZE } : { maxResults: PAGE_SIZE, nextToken },
    );
    items.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return items;
}
