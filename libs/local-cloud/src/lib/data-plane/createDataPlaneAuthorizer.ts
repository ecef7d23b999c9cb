import {
  createAuthorizer,
  createCognitoAuthorizer,
  type Authorizer,
  type EvaluationResult,
} from '@iot-gateway-net/policy';
import { createAllowAllAuthorizer } from '../authz/createAllowAllAuthorizer.js';
import type { PolicyCompiler } from '../authz/createPolicyCompiler.js';
import type { Logger } from '../context/Logger.js';
import type { DataPlaneAuthorize, DataPlaneIdentity } from './types.js';

// Decisions of one request are few; a cache would only live as long as the request.
const NO_CACHE = { maxCacheEntries: 0 };

/**
 * Authorizes one data-plane request with the broker's rules (the same policy compiler and
 * evaluator of `@iot-gateway-net/policy`):
 *
 * - a client certificate: the AWS IoT policies attached to its ARN;
 * - the control-plane (admin) credentials: everything (an IAM identity allowed `iot:*`);
 * - other SigV4 credentials: their IAM policies, and for a Cognito identity also the AWS IoT
 *   policies attached to its identity id, both of which must allow (AWS IoT Developer Guide,
 *   "Authorization with Amazon Cognito identities").
 *
 * Attachments are read when the request arrives, so a detached policy stops the next request. A
 * policy that does not compile denies everything, and is logged.
 */
export function createDataPlaneAuthorizer(
  deps: { compiler: PolicyCompiler; logger: Logger },
  identity: DataPlaneIdentity,
): DataPlaneAuthorize {
  let authorizer: Authorizer<EvaluationResult>;
  try {
    authorizer = resolve(deps.compiler, identity);
  } catch (error) {
    deps.logger.error('data_plane.policy_invalid', { error });
    return () => false;
  }
  return (action, resource) => authorizer.authorize(action, resource).decision === 'allow';
}

function resolve(
  compiler: PolicyCompiler,
  identity: DataPlaneIdentity,
): Authorizer<EvaluationResult> {
  if (identity.kind === 'certificate') {
    const attached = compiler.attached(identity.certificate.certificateArn);
    return createAuthorizer(attached.compiled, identity.context, NO_CACHE);
  }
  const owner = identity.credential.identity;
  if (owner.kind === 'admin') {
    return createAllowAllAuthorizer();
  }
  const iam = compiler.documents(owner.iamPolicies);
  if (owner.cognitoIdentityId === undefined) {
    return createAuthorizer(iam, identity.context, NO_CACHE);
  }
  const iot = compiler.attached(owner.cognitoIdentityId).compiled;
  return createCognitoAuthorizer({ iam, iot }, identity.context, NO_CACHE);
}
