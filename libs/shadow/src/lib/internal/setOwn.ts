import type { JsonObject, JsonValue } from '../document/schemas.js';

/**
 * Sets `object[key] = value` as an own enumerable property. A plain assignment to `__proto__` would
 * replace the prototype instead of storing the key, and JSON documents may carry that key.
 */
export function setOwn(object: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    object[key] = value;
  }
}
