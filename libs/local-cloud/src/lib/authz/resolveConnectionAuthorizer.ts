import {
  createAuthorizer,
  createCognitoAuthorizer,
  type Authorizer,
  type EvaluationResult,
  type RequestContext,
} from '@iot-gateway-net/policy';
import type { Principal, Registry, ThingRecord } from '../registry/types.js';
import { buildConnectionContext } from './buildConnectionContext.js';
import { collectPages } from './collectPages.js';
import { createAllowAllAuthorizer } from './createAllowAllAuthorizer.js';
import type { PolicyCompiler } from './createPolicyCompiler.js';
import type { ConnectionIdentity } from './types.js';

/** How one connection is authorized, resolved at CONNECT and again when the registry changes. */
export interface ConnectionAuthorization {
  readonly authorizer: Authorizer<EvaluationResult>;
  /**
   * The registry principal (certificate ARN or Cognito identity id) whose attachments decide, or
   * `undefined` for plain IAM and admin credentials.
   */
  readonly principal: Principal | undefined;
  /** Names of the IoT policies attached to `principal`. */
  readonly policyNames: readonly string[];
  /**
   * False when the principal is a registry principal with no IoT policy attached: such a
   * connection may do nothing (AWS denies what no policy allows).
   */
  readonly hasPolicies: boolean;
  /** The attached thing whose name equals the client id, if any. */
  readonly thingName: string | undefined;
  readonly context: RequestContext;
}

/** The facts of a connection that its authorization depends on. */
export interface ConnectionAuthorizationInput {
  readonly identity: ConnectionIdentity;
  readonly clientId: string;
  readonly sourceIp?: string;
  readonly connectAttributes: readonly string[];
}

function attachedThing(
  registry: Pick<Registry, 'listPrincipalThings' | 'getThing'>,
  principal: Principal,
  clientId: string,
): ThingRecord | undefined {
  const things = collectPages((page) => registry.listPrincipalThings(principal, page));
  return things.includes(clientId) ? registry.getThing(clientId) : undefined;
}

/**
 * Resolves the authorizer of a connection (AWS IoT Developer Guide, "Authorization"):
 * - a client certificate: the default versions of the IoT policies attached to its ARN;
 * - SigV4 credentials of an IAM identity: its IAM policies, and with a Cognito identity id also
 *   the IoT policies attached to that id, both of which must allow ("Authorization with Amazon
 *   Cognito identities");
 * - the admin (control-plane) credentials: everything.
 * Policy variables are bound from the connection with {@link buildConnectionContext}. Reads the
 * registry; call it at CONNECT and when attachments change, never per message.
 *
 * @throws {PolicyError} when a stored or IAM policy does not compile; `LocalCloudError` from the
 *   registry.
 */
export function resolveConnectionAuthorizer(
  deps: {
    readonly registry: Pick<Registry, 'listAttachedPolicies' | 'listPrincipalThings' | 'getThing'>;
    readonly compiler: PolicyCompiler;
  },
  input: ConnectionAuthorizationInput,
): ConnectionAuthorization {
  const { registry, compiler } = deps;
  const { identity, clientId } = input;
  const base = {
    clientId,
    connectAttributes: input.connectAttributes,
    ...(input.sourceIp === undefined ? {} : { sourceIp: input.sourceIp }),
  };

  if (identity.kind === 'certificate') {
    const principal = identity.certificate.certificateArn;
    const thing = attachedThing(registry, principal, clientId);
    const context = buildConnectionContext({
      ...base,
      certificate: identity.facts,
      ...(thing === undefined ? {} : { thing }),
    });
    const attached = compiler.attached(principal);
    return {
      authorizer: createAuthorizer(attached.compiled, context),
      principal,
      policyNames: attached.policyNames,
      hasPolicies: attached.policyNames.length > 0,
      thingName: thing?.thingName,
      context,
    };
  }

  const credentialIdentity = identity.credential.identity;
  if (credentialIdentity.kind === 'admin') {
    const context = buildConnectionContext(base);
    return {
      authorizer: createAllowAllAuthorizer(),
      principal: undefined,
      policyNames: [],
      hasPolicies: true,
      thingName: undefined,
      context,
    };
  }

  const iam = compiler.documents(credentialIdentity.iamPolicies);
  const identityId = credentialIdentity.cognitoIdentityId;
  if (identityId === undefined) {
    const context = buildConnectionContext(base);
    return {
      authorizer: createAuthorizer(iam, context),
      principal: undefined,
      policyNames: [],
      hasPolicies: true,
      thingName: undefined,
      context,
    };
  }
  const thing = attachedThing(registry, identityId, clientId);
  const context = buildConnectionContext({
    ...base,
    cognitoIdentityId: identityId,
    ...(thing === undefined ? {} : { thing }),
  });
  const attached = compiler.attached(identityId);
  return {
    authorizer: createCognitoAuthorizer({ iam, iot: attached.compiled }, context),
    principal: identityId,
    policyNames: attached.policyNames,
    hasPolicies: attached.policyNames.length > 0,
    thingName: thing?.thingName,
    context,
  };
}
