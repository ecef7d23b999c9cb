/**
 * Condition operators the evaluator implements (IAM User Guide, "IAM JSON policy elements:
 * Condition operators"). Date and Binary operators are not offered by AWS IoT policies for MQTT
 * actions and are refused when a document is parsed.
 */
export const BASE_CONDITION_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'Bool',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'IpAddress',
  'NotIpAddress',
  'Null',
] as const;

/** One of {@link BASE_CONDITION_OPERATORS}. */
export type BaseConditionOperator = (typeof BASE_CONDITION_OPERATORS)[number];

/**
 * Set qualifiers for multivalued keys such as `iot:ConnectAttributes` (IAM User Guide, "Creating
 * a condition with multiple keys or values").
 */
export const CONDITION_SET_QUALIFIERS = ['ForAnyValue', 'ForAllValues'] as const;

/** `ForAnyValue` or `ForAllValues`. */
export type ConditionSetQualifier = (typeof CONDITION_SET_QUALIFIERS)[number];

/** Operators that are true when no policy value matches (IAM: "negated matching"). */
export const NEGATED_CONDITION_OPERATORS: ReadonlySet<BaseConditionOperator> = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'ArnNotEquals',
  'ArnNotLike',
  'NotIpAddress',
]);

/**
 * Operators whose values may hold policy variables (IAM User Guide, "IAM policy elements:
 * Variables and tags", Condition element: string, ARN and Boolean operators only).
 */
export const VARIABLE_CONDITION_OPERATORS: ReadonlySet<BaseConditionOperator> = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'Bool',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
]);

/** A condition operator name read into its parts, e.g. `ForAllValues:StringLikeIfExists`. */
export interface ParsedConditionOperator {
  readonly set: ConditionSetQualifier | undefined;
  readonly base: BaseConditionOperator;
  readonly ifExists: boolean;
}
