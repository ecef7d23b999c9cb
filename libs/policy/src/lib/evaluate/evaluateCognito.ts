import type { AuthorizationRequest } from '../context/schemas.js';
import { combineCognitoResults } from './combineCognitoResults.js';
import { evaluate } from './evaluate.js';
import type { CognitoEvaluationResult, NamedPolicy } from './types.js';

/**
 * Decides a request of an authenticated Amazon Cognito identity, which AWS IoT authorizes with
 * two policy sets: the IAM policies of the identity pool's authenticated role and the AWS IoT
 * policies attached to the identity id (AWS IoT Developer Guide, "Authorization with Amazon
 * Cognito identities"). Allowed only when both allow; an explicit Deny in either wins. Put the
 * identity id in `request.context['cognito-identity.amazonaws.com:sub']`.
 *
 * @throws {PolicyError} `INVALID_JSON` / `INVALID_DOCUMENT` for a bad policy document.
 */
export function evaluateCognito(
  policies: {
    readonly iamPolicies: readonly NamedPolicy[];
    readonly iotPolicies: readonly NamedPolicy[];
  },
  request: AuthorizationRequest,
): CognitoEvaluationResult {
  return combineCognitoResults(
    evaluate(policies.iamPolicies, request),
    evaluate(policies.iotPolicies, request),
  );
}
