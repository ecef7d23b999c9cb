import { compileConditions } from '../conditions/compileConditions.js';
import { parsePolicyDocument } from '../document/parsePolicyDocument.js';
import type { PolicyDocument } from '../document/schemas.js';
import { PolicyError } from '../errors/PolicyError.js';
import { compilePattern } from '../matching/compilePattern.js';
import { matcherFromTokens } from '../matching/matcherFromTokens.js';
import { parsePolicyTemplate } from '../matching/parsePolicyTemplate.js';
import { tokenizePattern } from '../matching/tokenizePattern.js';
import type {
  CompiledPolicies,
  CompiledResource,
  CompiledStatement,
  NamedPolicy,
  StatementRef,
} from './types.js';

function toList(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) {
    return [];
  }
  return typeof value === 'string' ? [value] : value;
}

function compileResource(source: string): CompiledResource {
  const template = parsePolicyTemplate(source);
  // IAM: a Resource of `*` covers every resource, ARN or not.
  if (source === '*') {
    return { template, matcher: () => true, tokens: [], colonsKnown: true };
  }
  // `${*}`, `${?}` and `${$}` arrive as literal parts, so they never act as wildcards.
  const { tokens, colonsKnown } = tokenizePattern(template.parts, 'arn');
  const matcher = template.hasVariables ? undefined : matcherFromTokens(tokens);
  return { template, matcher, tokens, colonsKnown };
}

function parseNamedPolicy(policy: NamedPolicy, policyIndex: number): PolicyDocument {
  try {
    return parsePolicyDocument(policy.document);
  } catch (error) {
    if (error instanceof PolicyError) {
      const label = policy.name === undefined ? `#${policyIndex}` : JSON.stringify(policy.name);
      throw new PolicyError(error.code, `Policy ${label}: ${error.message}`, {
        cause: error.cause,
      });
    }
    throw error;
  }
}

/**
 * Parses and compiles policies once: documents are checked, action and resource wildcard
 * patterns turned into matchers, policy variables located and condition operators read. Use the
 * result with `createAuthorizer` for every connection that holds these policies; recompile when a
 * policy changes.
 *
 * @throws {PolicyError} `INVALID_JSON` / `INVALID_DOCUMENT` for a bad document, the message
 *   prefixed with the policy's name or index.
 */
export function compilePolicies(policies: readonly NamedPolicy[]): CompiledPolicies {
  const statements: CompiledStatement[] = [];
  policies.forEach((policy, policyIndex) => {
    const document = parseNamedPolicy(policy, policyIndex);
    const list = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    list.forEach((statement, statementIndex) => {
      const ref: StatementRef = {
        ...(policy.name === undefined ? {} : { policyName: policy.name }),
        policyIndex,
        statementIndex,
        ...(statement.Sid === undefined ? {} : { sid: statement.Sid }),
      };
      statements.push({
        effect: statement.Effect,
        ref: Object.freeze(ref),
        notAction: statement.NotAction !== undefined,
        // IAM: action names are case-insensitive.
        actions: toList(statement.Action ?? statement.NotAction).map((action) =>
          compilePattern([{ text: action.toLowerCase(), wildcards: true }], 'string'),
        ),
        notResource: statement.NotResource !== undefined,
        resources: toList(statement.Resource ?? statement.NotResource).map(compileResource),
        conditions: compileConditions(statement.Condition),
      });
    });
  });
  return { statements };
}
