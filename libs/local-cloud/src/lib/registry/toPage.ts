import { encodePageToken } from './encodePageToken.js';
import type { Page } from './types.js';

/**
 * Turns the rows of a query that asked for `size + 1` rows into a page: the extra row only says
 * that another page exists, and the token points after the last row kept.
 */
export function toPage<R, T>(
  rows: R[],
  size: number,
  map: (row: R) => T,
  key: (row: R) => readonly (string | number)[],
): Page<T> {
  const kept = rows.length > size ? rows.slice(0, size) : rows;
  const last = kept[kept.length - 1];
  return {
    items: kept.map(map),
    ...(rows.length > size && last !== undefined ? { nextToken: encodePageToken(key(last)) } : {}),
  };
}
