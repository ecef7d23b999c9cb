import { SHADOW_NAME_PATTERN } from './patterns.js';

/**
 * True when `value` is a valid shadow name: 1 to 64 characters of `[a-zA-Z0-9:_-]` (AWS named
 * shadows). Never throws.
 */
export function isShadowName(value: unknown): value is string {
  return typeof value === 'string' && SHADOW_NAME_PATTERN.test(value);
}
