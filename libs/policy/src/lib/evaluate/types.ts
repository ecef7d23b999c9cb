import type { CompiledCondition } from '../conditions/types.js';
import type { PolicyDocument } from '../document/schemas.js';
import type { Matcher, PatternToken, PolicyTemplate } from '../matching/types.js';

/** A policy to evaluate: its document (JSON text or object) and, for explanations, its name. */
export interface NamedPolicy {
  readonly name?: string;
  readonly document: PolicyDocument | string;
}

/** Where a decision came from: the policy (by index in the list given, and name) and statement. */
export interface StatementRef {
  readonly policyName?: string;
  readonly policyIndex: number;
  readonly statementIndex: number;
  readonly sid?: string;
}

/**
 * `allow`: an Allow statement matched and no Deny did. `explicitDeny`: a Deny statement matched
 * (it wins over every Allow). `implicitDeny`: nothing matched (IAM User Guide, "Policy evaluation
 * logic").
 */
export type PolicyDecision = 'allow' | 'explicitDeny' | 'implicitDeny';

/**
 * The answer to an authorization request. `statement` names the Deny statement that decided an
 * `explicitDeny`, or the first Allow statement that matched for `allow`; it is absent for
 * `implicitDeny`.
 */
export interface EvaluationResult {
  readonly decision: PolicyDecision;
  readonly statement?: StatementRef;
}

/** Which policy set of a Cognito identity a {@link CognitoEvaluationResult} is about. */
export type CognitoPolicySet = 'iam' | 'iot';

/**
 * The answer for an authenticated Cognito identity: `decision` and `statement` as in
 * {@link EvaluationResult}, `policySet` the set that decided (the one whose Deny matched, the one
 * that did not allow, or `iot` for an allow), and both sets' own results for explanations.
 */
export interface CognitoEvaluationResult extends EvaluationResult {
  readonly policySet: CognitoPolicySet;
  readonly iam: EvaluationResult;
  readonly iot: EvaluationResult;
}

/**
 * A compiled resource pattern: its matcher when it has no variables; otherwise its tokens, ready
 * for the variables' values (`colonsKnown` false sends binding down the slow, general path).
 */
export interface CompiledResource {
  readonly template: PolicyTemplate;
  readonly matcher: Matcher | undefined;
  readonly tokens: readonly PatternToken[];
  readonly colonsKnown: boolean;
}

/** One statement with its wildcard patterns compiled. */
export interface CompiledStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly ref: StatementRef;
  readonly notAction: boolean;
  /** Matchers over the lower-cased action. */
  readonly actions: readonly Matcher[];
  readonly notResource: boolean;
  readonly resources: readonly CompiledResource[];
  readonly conditions: readonly CompiledCondition[];
}

/**
 * Policies parsed and compiled once by `compilePolicies`; give them to `createAuthorizer` or
 * `createCognitoAuthorizer` for each connection. Treat as opaque.
 */
export interface CompiledPolicies {
  readonly statements: readonly CompiledStatement[];
}
