import type { Authorizer, EvaluationResult } from '@iot-gateway-net/policy';

const ALLOW: EvaluationResult = Object.freeze({ decision: 'allow' });

/**
 * An authorizer that allows everything: the control-plane (admin) credentials act as an IAM
 * identity allowed `iot:*`, so their WebSocket connections need no policy evaluation.
 */
export function createAllowAllAuthorizer(): Authorizer<EvaluationResult> {
  return {
    authorize: () => ALLOW,
    cacheSize: 0,
    clearCache: () => undefined,
  };
}
