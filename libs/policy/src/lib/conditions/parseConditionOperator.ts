import {
  BASE_CONDITION_OPERATORS,
  CONDITION_SET_QUALIFIERS,
  type BaseConditionOperator,
  type ConditionSetQualifier,
  type ParsedConditionOperator,
} from './operators.js';

const IF_EXISTS = 'IfExists';

/**
 * Reads a condition operator name (`[ForAnyValue:|ForAllValues:]<Operator>[IfExists]`). `Null`
 * takes no `IfExists` (IAM User Guide, "...IfExists condition operators"). Never throws.
 *
 * @returns the parts, or `undefined` when the name is not an operator this library implements.
 */
export function parseConditionOperator(name: string): ParsedConditionOperator | undefined {
  let rest = name;
  let set: ConditionSetQualifier | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const qualifier = rest.slice(0, colon);
    set = CONDITION_SET_QUALIFIERS.find((candidate) => candidate === qualifier);
    if (set === undefined) {
      return undefined;
    }
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.endsWith(IF_EXISTS)) {
    ifExists = true;
    rest = rest.slice(0, -IF_EXISTS.length);
  }
  const base: BaseConditionOperator | undefined = BASE_CONDITION_OPERATORS.find(
    (candidate) => candidate === rest,
  );
  if (base === undefined || (base === 'Null' && ifExists)) {
    return undefined;
  }
  return { set, base, ifExists };
}
