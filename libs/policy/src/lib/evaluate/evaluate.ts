import type { AuthorizationRequest } from '../context/schemas.js';
import { bindPolicies } from './bindPolicies.js';
import { compilePolicies } from './compilePolicies.js';
import type { EvaluationResult, NamedPolicy } from './types.js';

/**
 * Decides one request against a principal's policies the way AWS IoT and IAM do (IAM User Guide,
 * "Policy evaluation logic"): denied by default; allowed when an Allow statement matches; an
 * explicit Deny in any policy wins over every Allow. A statement matches when its `Action` (or
 * `NotAction`) covers the action (case-insensitive, `*` and `?` wildcards), its `Resource` (or
 * `NotResource`) covers the resource ARN (case-sensitive; in AWS IoT topic and topic filter
 * resources `+` and `#` are plain characters, AWS IoT Developer Guide, "AWS IoT Core policy
 * variables") and all its conditions hold after policy variables are substituted from
 * `request.context`.
 *
 * Compiles the policies on every call; for many requests use `compilePolicies` and
 * `createAuthorizer`.
 *
 * @throws {PolicyError} `INVALID_JSON` / `INVALID_DOCUMENT` for a bad policy document.
 */
export function evaluate(
  policies: readonly NamedPolicy[],
  request: AuthorizationRequest,
): EvaluationResult {
  return bindPolicies(compilePolicies(policies), request.context).decide(
    request.action,
    request.resource,
  );
}
