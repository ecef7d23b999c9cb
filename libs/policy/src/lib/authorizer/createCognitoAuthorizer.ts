import type { RequestContext } from '../context/schemas.js';
import { bindPolicies } from '../evaluate/bindPolicies.js';
import { combineCognitoResults } from '../evaluate/combineCognitoResults.js';
import type { CognitoEvaluationResult, CompiledPolicies } from '../evaluate/types.js';
import { createDecisionCache } from './createDecisionCache.js';
import type { Authorizer, AuthorizerOptions } from './types.js';

/**
 * `createAuthorizer` for an authenticated Amazon Cognito identity: both the identity pool role's
 * IAM policies (`iam`) and the AWS IoT policies attached to the identity (`iot`) must allow, and
 * an explicit Deny in either wins (AWS IoT Developer Guide, "Authorization with Amazon Cognito
 * identities"). Decisions equal `evaluateCognito`'s and are cached the same way.
 *
 * @throws {PolicyError} `INVALID_ARGUMENT` for a bad `options.maxCacheEntries`.
 */
export function createCognitoAuthorizer(
  compiled: { readonly iam: CompiledPolicies; readonly iot: CompiledPolicies },
  context: RequestContext | undefined,
  options: AuthorizerOptions = {},
): Authorizer<CognitoEvaluationResult> {
  const iam = bindPolicies(compiled.iam, context);
  const iot = bindPolicies(compiled.iot, context);
  return createDecisionCache(
    (action, resource) =>
      Object.freeze(
        combineCognitoResults(iam.decide(action, resource), iot.decide(action, resource)),
      ),
    options.maxCacheEntries,
  );
}
