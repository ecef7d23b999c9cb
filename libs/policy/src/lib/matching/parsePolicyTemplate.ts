import { normalizeContextKey } from '../context/normalizeContextKey.js';
import type { PolicyTemplate, TemplatePart } from './types.js';

// IAM User Guide, "IAM policy elements: Variables and tags": `${*}`, `${?}` and `${$}` stand for
// the literal characters; `${key, 'default'}` gives a default value.
const ESCAPES: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };
const WITH_DEFAULT = /^\s*([^,]+?)\s*,\s*'([^']*)'\s*$/;

/**
 * Locates the policy variables of a policy string. With `variables` false (operators that take no
 * variables) the whole string is policy text. An unterminated `${` is text. Never throws.
 */
export function parsePolicyTemplate(source: string, variables = true): PolicyTemplate {
  if (!variables || !source.includes('${')) {
    return { source, parts: [{ kind: 'text', text: source }], hasVariables: false };
  }
  const parts: TemplatePart[] = [];
  let hasVariables = false;
  let text = '';
  let index = 0;
  while (index < source.length) {
    const start = source.indexOf('${', index);
    const end = start < 0 ? -1 : source.indexOf('}', start + 2);
    if (start < 0 || end < 0) {
      text += source.slice(index);
      break;
    }
    text += source.slice(index, start);
    const inner = source.slice(start + 2, end);
    index = end + 1;
    const escaped = ESCAPES[inner];
    if (escaped !== undefined) {
      if (text !== '') {
        parts.push({ kind: 'text', text });
        text = '';
      }
      parts.push({ kind: 'literal', text: escaped });
      continue;
    }
    if (text !== '') {
      parts.push({ kind: 'text', text });
      text = '';
    }
    const withDefault = WITH_DEFAULT.exec(inner);
    parts.push({
      kind: 'variable',
      key: normalizeContextKey((withDefault?.[1] ?? inner).trim()),
      fallback: withDefault?.[2],
    });
    hasVariables = true;
  }
  if (text !== '') {
    parts.push({ kind: 'text', text });
  }
  return { source, parts, hasVariables };
}
