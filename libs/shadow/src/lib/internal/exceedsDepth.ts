import type { JsonValue } from '../document/schemas.js';

/**
 * True when `value` nests objects and arrays deeper than `maxDepth`. The value itself is level 1
 * when it is an object or array; each object or array inside adds a level; scalars add none. This
 * is how AWS's own Greengrass ShadowManager counts the 6 levels of a `desired` or `reported`
 * section (aws-greengrass-shadow-manager, JsonUtil.calculateDepth).
 */
export function exceedsDepth(value: JsonValue, maxDepth: number, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const level = depth + 1;
  if (level > maxDepth) {
    return true;
  }
  const children = Array.isArray(value) ? value : Object.values(value);
  for (const child of children) {
    if (exceedsDepth(child, maxDepth, level)) {
      return true;
    }
  }
  return false;
}
