import { normalizeContextKey } from './normalizeContextKey.js';
import type { RequestContext } from './schemas.js';

/** Read access to a request context by normalised key. */
export interface ContextView {
  /** The key's values for a condition: `undefined` when not present; arrays for multivalued keys. */
  readonly values: (key: string) => string | readonly string[] | undefined;
  /** The key's value as a policy variable: `undefined` when it cannot be resolved. */
  readonly variable: (key: string) => string | undefined;
}

// AWS IoT Developer Guide, "X.509 certificate policy variables", limitations: a certificate
// attribute with wildcard characters or longer than 1024 characters is not substituted.
const CERTIFICATE_PREFIX = 'iot:certificate.';
const CERTIFICATE_VALUE_LIMIT = 1024;
const INDEXED = /^(.*)\.(\d+)$/;
const LIST_SUFFIX = '.list';

function toStrings(value: unknown): string | readonly string[] | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return value.filter((item): item is string => typeof item === 'string');
  }
  return undefined;
}

/**
 * Builds a {@link ContextView} over `context`, once per connection. Multivalued certificate
 * attributes follow the AWS IoT rules: `key` gives the first value, `key.N` the N-th (zero-based;
 * unresolved when absent), `key.List` all of them.
 */
export function createContextView(context: RequestContext | undefined): ContextView {
  const entries = new Map<string, string | readonly string[]>();
  for (const [key, value] of Object.entries(context ?? {})) {
    const normalized = toStrings(value);
    if (normalized !== undefined) {
      entries.set(normalizeContextKey(key), normalized);
    }
  }

  function values(key: string): string | readonly string[] | undefined {
    const direct = entries.get(key);
    if (direct !== undefined) {
      return direct;
    }
    if (key.endsWith(LIST_SUFFIX)) {
      const base = entries.get(key.slice(0, -LIST_SUFFIX.length));
      return typeof base === 'string' ? [base] : base;
    }
    const indexed = INDEXED.exec(key);
    if (indexed !== null) {
      const base = entries.get(indexed[1] ?? '');
      const index = Number(indexed[2]);
      if (typeof base === 'string') {
        return index === 0 ? base : undefined;
      }
      return base?.[index];
    }
    return undefined;
  }

  function variable(key: string): string | undefined {
    if (key.endsWith(LIST_SUFFIX)) {
      return undefined;
    }
    const found = values(key);
    const value = typeof found === 'string' ? found : found?.[0];
    if (
      value !== undefined &&
      key.startsWith(CERTIFICATE_PREFIX) &&
      (value.length > CERTIFICATE_VALUE_LIMIT || value.includes('*') || value.includes('?'))
    ) {
      return undefined;
    }
    return value;
  }

  return { values, variable };
}
