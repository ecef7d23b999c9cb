const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when `value` holds an unpaired UTF-16 surrogate, which has no UTF-8 encoding: MQTT requires
 * well-formed UTF-8 strings (MQTT 3.1.1 section 1.5.3) and `TextEncoder` would silently replace it.
 */
export function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}
