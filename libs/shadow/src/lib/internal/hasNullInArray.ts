import type { JsonValue } from '../document/schemas.js';

/**
 * True when an array anywhere in `value` holds `null`, directly or inside an element. AWS rejects
 * arrays with null values ("Device Shadow service documents" → "Array values in shadow
 * documents"); rejecting nested nulls too keeps stored documents free of `null`, which elsewhere
 * means "delete this key".
 */
export function hasNullInArray(value: JsonValue, insideArray = false): boolean {
  if (value === null) {
    return insideArray;
  }
  if (typeof value !== 'object') {
    return false;
  }
  if (Array.isArray(value)) {
    for (const element of value) {
      if (hasNullInArray(element, true)) {
        return true;
      }
    }
    return false;
  }
  for (const child of Object.values(value)) {
    if (hasNullInArray(child, insideArray)) {
      return true;
    }
  }
  return false;
}
