import { ProvisioningTemplateError } from '../errors/ProvisioningTemplateError.js';
import { formatPath } from '../internal/formatPath.js';
import type { TemplateNode } from './types.js';

const STRING_KINDS: ReadonlySet<TemplateNode['kind']> = new Set([
  'string',
  'ref',
  'join',
  'select',
  'sub',
  'findInMap',
]);
const LIST_KINDS: ReadonlySet<TemplateNode['kind']> = new Set(['list', 'split', 'findInMap']);

function describeNode(node: TemplateNode): string {
  switch (node.kind) {
    case 'string':
      return 'a string';
    case 'scalar':
      return node.value === null ? 'null' : `${typeof node.value} ${String(node.value)}`;
    case 'list':
      return 'an array';
    case 'object':
      return 'an object';
    case 'ref':
      return 'Ref';
    case 'join':
      return 'Fn::Join (a string)';
    case 'select':
      return 'Fn::Select';
    case 'split':
      return 'Fn::Split (a list)';
    case 'findInMap':
      return 'Fn::FindInMap';
    case 'sub':
      return 'Fn::Sub (a string)';
  }
}

/**
 * Checks statically that `node` can produce a string (`'string'`) or a list of strings
 * (`'list'`); what only evaluation can tell (the value a mapping holds) is checked then.
 *
 * @throws {ProvisioningTemplateError} `INVALID_TEMPLATE` naming the path, what it holds and
 *   `expected`.
 */
export function assertNodeShape(
  node: TemplateNode,
  shape: 'string' | 'list',
  expected: string,
): void {
  const kinds = shape === 'string' ? STRING_KINDS : LIST_KINDS;
  if (!kinds.has(node.kind)) {
    throw new ProvisioningTemplateError(
      'INVALID_TEMPLATE',
      `Invalid template at ${formatPath(node.path)}: received ${describeNode(node)}, expected ${expected}`,
    );
  }
}
