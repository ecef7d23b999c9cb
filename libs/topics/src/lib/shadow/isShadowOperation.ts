import { SHADOW_OPERATIONS, type ShadowOperation } from './operations.js';

/** True when `value` is one of {@link SHADOW_OPERATIONS}. Never throws. */
export function isShadowOperation(value: unknown): value is ShadowOperation {
  return (SHADOW_OPERATIONS as readonly unknown[]).includes(value);
}
