import type { PolicyTemplate } from '../matching/types.js';
import type { ParsedConditionOperator } from './operators.js';

/** One `operator: { key: values }` entry of a statement's `Condition`, ready to evaluate. */
export interface CompiledCondition {
  readonly operatorName: string;
  readonly operator: ParsedConditionOperator;
  /** The condition key, normalised for lookup. */
  readonly key: string;
  /** The policy values, with policy variables located where the operator allows them. */
  readonly values: readonly PolicyTemplate[];
}
