import type { RequestContext } from '../context/schemas.js';
import { bindPolicies } from '../evaluate/bindPolicies.js';
import type { CompiledPolicies, EvaluationResult } from '../evaluate/types.js';
import { createDecisionCache } from './createDecisionCache.js';
import type { Authorizer, AuthorizerOptions } from './types.js';

/**
 * Binds compiled policies to one connection and answers its PUBLISH / SUBSCRIBE / Receive /
 * RetainPublish questions with the same decisions as `evaluate`. The connection's variables are
 * substituted and its conditions evaluated once, here; decisions are then cached per
 * (action, resource). Caching is sound because the context is fixed for the connection's life
 * (client id, thing, certificate, identity, source IP and connect attributes do not change while
 * it is open) and a decision depends only on policies, context, action and resource. Create a
 * new authorizer when the policies attached to the principal change (AWS IoT re-evaluates
 * `iot:Receive` on every delivery, so a detached policy must take effect at once).
 *
 * @throws {PolicyError} `INVALID_ARGUMENT` for a bad `options.maxCacheEntries`.
 */
export function createAuthorizer(
  compiled: CompiledPolicies,
  context: RequestContext | undefined,
  options: AuthorizerOptions = {},
): Authorizer<EvaluationResult> {
  const bound = bindPolicies(compiled, context);
  return createDecisionCache(
    (action, resource) => bound.decide(action, resource),
    options.maxCacheEntries,
  );
}
