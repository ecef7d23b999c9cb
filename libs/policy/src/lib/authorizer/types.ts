import type { EvaluationResult } from '../evaluate/types.js';

/** Options of `createAuthorizer` and `createCognitoAuthorizer`. */
export interface AuthorizerOptions {
  /**
   * Decisions kept per action (`iot:Publish`, `iot:Receive`, ...); the oldest is dropped first.
   * `0` turns the cache off. Defaults to `4096`.
   */
  readonly maxCacheEntries?: number;
}

/** Answers a connection's authorization questions, with a bounded cache of decisions. */
export interface Authorizer<Result extends EvaluationResult = EvaluationResult> {
  /**
   * Decides whether the connection may perform `action` on `resource` (a full ARN). Returns the
   * same frozen result object for a repeated question. Never throws.
   */
  authorize(action: string, resource: string): Result;
  /** Number of decisions currently cached. */
  readonly cacheSize: number;
  /** Forgets every cached decision. */
  clearCache(): void;
}
