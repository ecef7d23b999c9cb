import type { ContextView } from '../context/createContextView.js';
import { compilePattern } from '../matching/compilePattern.js';
import { resolveTemplate } from '../matching/resolveTemplate.js';
import type { Matcher, PatternSegment } from '../matching/types.js';
import { ipMatchesCidr } from './ipMatchesCidr.js';
import { NEGATED_CONDITION_OPERATORS, type BaseConditionOperator } from './operators.js';
import type { CompiledCondition } from './types.js';

const ARN_PREFIX = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:/;

function joined(segments: readonly PatternSegment[]): string {
  return segments.map((segment) => segment.text).join('');
}

function toNumber(text: string): number | undefined {
  if (text.trim() === '') {
    return undefined;
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function numericTest(base: BaseConditionOperator, expected: number): Matcher {
  return (value) => {
    const actual = toNumber(value);
    if (actual === undefined) {
      return false;
    }
    if (base === 'NumericLessThan') {
      return actual < expected;
    }
    if (base === 'NumericLessThanEquals') {
      return actual <= expected;
    }
    if (base === 'NumericGreaterThan') {
      return actual > expected;
    }
    if (base === 'NumericGreaterThanEquals') {
      return actual >= expected;
    }
    return actual === expected;
  };
}

/** The un-negated test of one policy value against one request value. */
function valueTest(
  base: BaseConditionOperator,
  segments: readonly PatternSegment[],
): Matcher | undefined {
  switch (base) {
    case 'StringEquals':
    case 'StringNotEquals': {
      const expected = joined(segments);
      return (value) => value === expected;
    }
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase': {
      const expected = joined(segments).toLowerCase();
      return (value) => value.toLowerCase() === expected;
    }
    case 'StringLike':
    case 'StringNotLike':
      return compilePattern(segments, 'string');
    case 'Bool': {
      const expected = joined(segments).toLowerCase();
      return (value) => value.toLowerCase() === expected;
    }
    // IAM: "ArnEquals and ArnLike behave identically", each ARN part matched separately.
    case 'ArnEquals':
    case 'ArnLike':
    case 'ArnNotEquals':
    case 'ArnNotLike': {
      const matches = compilePattern(segments, 'arn');
      return (value) => ARN_PREFIX.test(value) && matches(value);
    }
    case 'NumericEquals':
    case 'NumericNotEquals':
    case 'NumericLessThan':
    case 'NumericLessThanEquals':
    case 'NumericGreaterThan':
    case 'NumericGreaterThanEquals': {
      const expected = toNumber(joined(segments));
      return expected === undefined ? () => false : numericTest(base, expected);
    }
    case 'IpAddress':
    case 'NotIpAddress': {
      const range = joined(segments);
      return (value) => ipMatchesCidr(value, range);
    }
    case 'Null':
      return undefined;
  }
}

function evaluateNull(condition: CompiledCondition, present: boolean): boolean {
  return condition.values.some((value) => {
    const expected = value.source.toLowerCase();
    return expected === 'true' ? !present : expected === 'false' ? present : false;
  });
}

/**
 * Evaluates one condition entry against a request context (IAM User Guide, "IAM JSON policy
 * elements: Condition operators"):
 * - a key not present makes positive operators false and negated ones (`StringNotEquals`,
 *   `ArnNotLike`, `NotIpAddress`, ...) true; `...IfExists` makes it true; `ForAllValues` true and
 *   `ForAnyValue` false (an empty set);
 * - several policy values are ORed for positive operators and NORed for negated ones;
 * - `ForAnyValue` / `ForAllValues` apply the operator to each request value;
 * - a policy variable without a value makes the entry false, so the statement does not apply
 *   (IAM User Guide, "IAM policy elements: Variables and tags").
 *
 * Never throws.
 */
export function evaluateCondition(condition: CompiledCondition, view: ContextView): boolean {
  const { set, base, ifExists } = condition.operator;
  const found = view.values(condition.key);
  if (base === 'Null') {
    return evaluateNull(condition, found !== undefined);
  }
  const tests: Matcher[] = [];
  for (const template of condition.values) {
    const segments = resolveTemplate(template, view.variable);
    if (segments === undefined) {
      return false;
    }
    const test = valueTest(base, segments);
    if (test !== undefined) {
      tests.push(test);
    }
  }
  const positive: Matcher = (value) => tests.some((test) => test(value));
  const negated = NEGATED_CONDITION_OPERATORS.has(base);
  if (found === undefined) {
    if (ifExists || set === 'ForAllValues') {
      return true;
    }
    return set === 'ForAnyValue' ? false : negated;
  }
  const requestValues = typeof found === 'string' ? [found] : found;
  const perValue: Matcher = negated ? (value) => !positive(value) : positive;
  switch (set) {
    case 'ForAllValues':
      return requestValues.every(perValue);
    case 'ForAnyValue':
      return requestValues.some(perValue);
    case undefined:
      return negated ? !requestValues.some(positive) : requestValues.some(positive);
  }
}
