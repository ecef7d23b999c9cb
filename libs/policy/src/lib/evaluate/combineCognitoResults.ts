import type { CognitoEvaluationResult, EvaluationResult } from './types.js';

/**
 * Combines the IAM role decision and the AWS IoT policy decision of an authenticated Cognito
 * identity: "an action is allowed only if both policies allow the requested action" (AWS IoT
 * Developer Guide, "Publish/Subscribe policy examples", policies for HTTP and WebSocket clients).
 * An explicit Deny in either set wins; otherwise the first set that does not allow decides.
 */
export function combineCognitoResults(
  iam: EvaluationResult,
  iot: EvaluationResult,
): CognitoEvaluationResult {
  if (iam.decision === 'explicitDeny') {
    return { ...iam, policySet: 'iam', iam, iot };
  }
  if (iot.decision === 'explicitDeny') {
    return { ...iot, policySet: 'iot', iam, iot };
  }
  if (iam.decision !== 'allow') {
    return { decision: 'implicitDeny', policySet: 'iam', iam, iot };
  }
  if (iot.decision !== 'allow') {
    return { decision: 'implicitDeny', policySet: 'iot', iam, iot };
  }
  return { ...iot, policySet: 'iot', iam, iot };
}
