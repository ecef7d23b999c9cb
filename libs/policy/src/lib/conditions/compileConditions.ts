import type { ConditionBlock } from '../document/schemas.js';
import { normalizeContextKey } from '../context/normalizeContextKey.js';
import { PolicyError } from '../errors/PolicyError.js';
import { parsePolicyTemplate } from '../matching/parsePolicyTemplate.js';
import { VARIABLE_CONDITION_OPERATORS } from './operators.js';
import { parseConditionOperator } from './parseConditionOperator.js';
import type { CompiledCondition } from './types.js';

/**
 * Compiles a statement's `Condition` block into one entry per operator and key; the entries are
 * ANDed, the values of one entry ORed (IAM User Guide, "Creating a condition with multiple keys or
 * values").
 *
 * @throws {PolicyError} `INVALID_DOCUMENT` for an operator this library does not implement (a
 *   document that went through `parsePolicyDocument` never has one).
 */
export function compileConditions(block: ConditionBlock | undefined): CompiledCondition[] {
  const compiled: CompiledCondition[] = [];
  for (const [operatorName, keys] of Object.entries(block ?? {})) {
    const operator = parseConditionOperator(operatorName);
    if (operator === undefined) {
      throw new PolicyError(
        'INVALID_DOCUMENT',
        `Unexpected condition operator ${JSON.stringify(operatorName)}, expected one of StringEquals, StringLike, Bool, ArnLike, Numeric*, IpAddress, Null and their variants`,
      );
    }
    const variables = VARIABLE_CONDITION_OPERATORS.has(operator.base);
    for (const [key, value] of Object.entries(keys)) {
      const list = Array.isArray(value) ? value : [value];
      compiled.push({
        operatorName,
        operator,
        key: normalizeContextKey(key),
        values: list.map((item) => parsePolicyTemplate(String(item), variables)),
      });
    }
  }
  return compiled;
}
