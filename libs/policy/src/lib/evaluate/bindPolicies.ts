import { evaluateCondition } from '../conditions/evaluateCondition.js';
import { createContextView, type ContextView } from '../context/createContextView.js';
import type { RequestContext } from '../context/schemas.js';
import { compilePattern } from '../matching/compilePattern.js';
import { matcherFromTokens } from '../matching/matcherFromTokens.js';
import { substituteTokens } from '../matching/substituteTokens.js';
import { resolveTemplate } from '../matching/resolveTemplate.js';
import type { Matcher } from '../matching/types.js';
import type {
  CompiledPolicies,
  CompiledResource,
  CompiledStatement,
  EvaluationResult,
  StatementRef,
} from './types.js';

/** A statement that applies to one connection: its conditions held and its variables resolved. */
interface BoundStatement {
  readonly deny: boolean;
  readonly matchesAction: Matcher;
  readonly matchesResource: Matcher;
  readonly result: EvaluationResult;
}

/** Policies bound to one connection's context: answers (action, resource) questions. */
export interface BoundPolicies {
  /** Decides one request; `action` is compared case-insensitively. Never throws. */
  decide(action: string, resource: string): EvaluationResult;
}

const IMPLICIT_DENY: EvaluationResult = Object.freeze({ decision: 'implicitDeny' });
const ACTION_MEMO_LIMIT = 64;

function anyOf(matchers: readonly Matcher[]): Matcher {
  const only = matchers.length === 1 ? matchers[0] : undefined;
  if (only !== undefined) {
    return only;
  }
  return (value) => matchers.some((matcher) => matcher(value));
}

function result(decision: 'allow' | 'explicitDeny', statement: StatementRef): EvaluationResult {
  return Object.freeze({ decision, statement });
}

function bindResource(resource: CompiledResource, view: ContextView): Matcher | undefined {
  if (resource.colonsKnown) {
    const tokens = substituteTokens(resource.tokens, view.variable);
    return tokens === undefined ? undefined : matcherFromTokens(tokens);
  }
  // A variable before the fifth colon: place the wildcards only once its value is known.
  const segments = resolveTemplate(resource.template, view.variable);
  return segments === undefined ? undefined : compilePattern(segments, 'arn');
}

function bindStatement(
  statement: CompiledStatement,
  view: ContextView,
): BoundStatement | undefined {
  if (!statement.conditions.every((condition) => evaluateCondition(condition, view))) {
    return undefined;
  }
  const resources: Matcher[] = [];
  for (const resource of statement.resources) {
    if (resource.matcher !== undefined) {
      resources.push(resource.matcher);
      continue;
    }
    const matcher = bindResource(resource, view);
    if (matcher === undefined) {
      // An unresolvable variable: this Resource entry matches nothing; in NotResource it
      // invalidates the statement (IAM User Guide, "IAM policy elements: Variables and tags").
      if (statement.notResource) {
        return undefined;
      }
      continue;
    }
    resources.push(matcher);
  }
  if (resources.length === 0 && !statement.notResource) {
    return undefined;
  }
  const matchesResource = anyOf(resources);
  const matchesAction = anyOf(statement.actions);
  return {
    deny: statement.effect === 'Deny',
    matchesAction: statement.notAction ? (action) => !matchesAction(action) : matchesAction,
    matchesResource: statement.notResource
      ? (resource) => !matchesResource(resource)
      : matchesResource,
    result: result(statement.effect === 'Deny' ? 'explicitDeny' : 'allow', statement.ref),
  };
}

/**
 * Binds compiled policies to one connection's request context. Because every context key AWS IoT
 * offers for MQTT actions (client id, thing and certificate variables, Cognito identity, source
 * IP, connect attributes) is fixed for the life of a connection, conditions are evaluated and
 * policy variables substituted here, once; what remains per request is matching the action and
 * the resource. Statements are kept in policy order so the first matching statement is reported.
 */
export function bindPolicies(
  compiled: CompiledPolicies,
  context: RequestContext | undefined,
): BoundPolicies {
  const view = createContextView(context);
  const statements: BoundStatement[] = [];
  for (const statement of compiled.statements) {
    const bound = bindStatement(statement, view);
    if (bound !== undefined) {
      statements.push(bound);
    }
  }
  const byAction = new Map<string, readonly BoundStatement[]>();

  function statementsFor(action: string): readonly BoundStatement[] {
    const known = byAction.get(action);
    if (known !== undefined) {
      return known;
    }
    const lower = action.toLowerCase();
    const matching = statements.filter((statement) => statement.matchesAction(lower));
    if (byAction.size < ACTION_MEMO_LIMIT) {
      byAction.set(action, matching);
    }
    return matching;
  }

  return {
    decide(action, resource) {
      let allowed: EvaluationResult | undefined;
      for (const statement of statementsFor(action)) {
        if (!statement.matchesResource(resource)) {
          continue;
        }
        // IAM: an explicit Deny in any policy overrides every Allow.
        if (statement.deny) {
          return statement.result;
        }
        allowed ??= statement.result;
      }
      return allowed ?? IMPLICIT_DENY;
    },
  };
}
