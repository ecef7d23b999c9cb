import { PolicyError } from '../errors/PolicyError.js';
import type { EvaluationResult } from '../evaluate/types.js';
import type { Authorizer } from './types.js';

/** Default of `AuthorizerOptions.maxCacheEntries`. */
export const DEFAULT_MAX_CACHE_ENTRIES = 4096;
// Actions come from the broker (a handful); past this many, new ones are decided uncached.
const MAX_CACHED_ACTIONS = 32;

/**
 * Wraps `decide` in a cache keyed by action then resource: two `Map` lookups and no string
 * building per hit. Each action's map keeps at most `maxEntries` decisions, dropping the oldest.
 *
 * @throws {PolicyError} `INVALID_ARGUMENT` when `maxEntries` is not a non-negative integer.
 */
export function createDecisionCache<Result extends EvaluationResult>(
  decide: (action: string, resource: string) => Result,
  maxEntries: number = DEFAULT_MAX_CACHE_ENTRIES,
): Authorizer<Result> {
  if (!Number.isInteger(maxEntries) || maxEntries < 0) {
    throw new PolicyError(
      'INVALID_ARGUMENT',
      `Unexpected maxCacheEntries ${String(maxEntries)}, expected a non-negative integer`,
    );
  }
  const byAction = new Map<string, Map<string, Result>>();
  let size = 0;
  return {
    authorize(action, resource) {
      let cache = byAction.get(action);
      const hit = cache?.get(resource);
      if (hit !== undefined) {
        return hit;
      }
      const decided = decide(action, resource);
      if (maxEntries === 0) {
        return decided;
      }
      if (cache === undefined) {
        if (byAction.size >= MAX_CACHED_ACTIONS) {
          return decided;
        }
        cache = new Map();
        byAction.set(action, cache);
      }
      if (cache.size >= maxEntries) {
        const oldest = cache.keys().next();
        if (oldest.done !== true) {
          cache.delete(oldest.value);
          size -= 1;
        }
      }
      cache.set(resource, decided);
      size += 1;
      return decided;
    },
    get cacheSize() {
      return size;
    },
    clearCache() {
      byAction.clear();
      size = 0;
    },
  };
}
