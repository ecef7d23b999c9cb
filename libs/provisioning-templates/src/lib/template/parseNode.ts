import { ProvisioningTemplateError } from '../errors/ProvisioningTemplateError.js';
import { describeValue } from '../internal/describeValue.js';
import { formatPath, type JsonPath } from '../internal/formatPath.js';
import { assertNodeShape } from './assertNodeShape.js';
import { INTRINSIC_FUNCTIONS, PSEUDO_PARAMETER_SET } from './constants.js';
import { parseSubString } from './parseSubString.js';
import type { Mappings, TemplateNode } from './types.js';

/** What a node may refer to: the declared parameters, the mappings and the resources' names. */
export interface NodeContext {
  readonly parameters: ReadonlySet<string>;
  readonly mappings: Mappings;
  readonly resourceIds: ReadonlySet<string>;
}

const SUPPORTED: ReadonlySet<string> = new Set(INTRINSIC_FUNCTIONS);

/**
 * Deepest JSON path a value may sit at. AWS documents no such limit; real templates stay under
 * ten levels, and the bound keeps a 10 KB body of nested brackets from costing quadratic memory.
 */
const MAX_DEPTH = 64;

function invalid(path: JsonPath, message: string): ProvisioningTemplateError {
  return new ProvisioningTemplateError(
    'INVALID_TEMPLATE',
    `Invalid template at ${formatPath(path)}: ${message}`,
  );
}

function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::') || key.startsWith('Fn:');
}

function checkReference(name: string, path: JsonPath, context: NodeContext, what: string): void {
  if (context.parameters.has(name) || PSEUDO_PARAMETER_SET.has(name)) {
    return;
  }
  const declared = [...context.parameters].map((p) => JSON.stringify(p)).join(', ');
  const expected = `expected a declared parameter${declared === '' ? '' : ` (${declared})`} or an AWS::IoT::Certificate::* pseudo-parameter`;
  let reason: string;
  if (name.startsWith('AWS::')) {
    reason = `${what} to pseudo-parameter "${name}", which provisioning templates do not support`;
  } else if (context.resourceIds.has(name)) {
    reason = `${what} to resource "${name}", which provisioning templates do not support`;
  } else {
    reason = `${what} to "${name}", which is not declared in Parameters`;
  }
  throw new ProvisioningTemplateError(
    'UNSUPPORTED_CONSTRUCT',
    `Unsupported construct at ${formatPath(path)}: ${reason}; ${expected}`,
  );
}

function literalString(raw: unknown, path: JsonPath, what: string): string {
  if (typeof raw !== 'string') {
    const intrinsic =
      raw !== null && typeof raw === 'object' && !Array.isArray(raw)
        ? Object.keys(raw).find(isIntrinsicKey)
        : undefined;
    throw invalid(
      path,
      `${what} must be a literal string, received ${intrinsic === undefined ? describeValue(raw) : intrinsic}`,
    );
  }
  return raw;
}

function argumentList(
  raw: unknown,
  path: JsonPath,
  name: string,
  form: string,
  count: number,
): unknown[] {
  if (!Array.isArray(raw) || raw.length !== count) {
    throw invalid(path, `${name} takes ${form}, received ${describeValue(raw)}`);
  }
  return raw;
}

function parseIntrinsic(
  name: string,
  raw: unknown,
  path: JsonPath,
  context: NodeContext,
): TemplateNode {
  const at = [...path, name];
  switch (name) {
    case 'Ref': {
      const target = literalString(raw, at, 'Ref');
      checkReference(target, at, context, 'Ref');
      return { kind: 'ref', name: target, path };
    }
    case 'Fn::Join': {
      const [delimiter, list] = argumentList(raw, at, name, '[delimiter, [values]]', 2);
      const node: TemplateNode = {
        kind: 'join',
        delimiter: literalString(delimiter, [...at, 0], 'Fn::Join delimiter'),
        list: parseNode(list, [...at, 1], context),
        path,
      };
      assertNodeShape(node.list, 'list', 'a list of values or Fn::Split / Fn::FindInMap');
      if (node.list.kind === 'list') {
        for (const item of node.list.items) {
          assertNodeShape(item, 'string', 'a string value to join');
        }
      }
      return node;
    }
    case 'Fn::Select': {
      const [index, list] = argumentList(raw, at, name, '[index, list]', 2);
      const node = {
        kind: 'select',
        index: parseNode(index, [...at, 0], context),
        list: parseNode(list, [...at, 1], context),
        path,
      } as const;
      if (node.index.kind !== 'scalar') {
        assertNodeShape(node.index, 'string', 'an index (a number or a string of digits)');
      }
      assertNodeShape(node.list, 'list', 'a list of values or Fn::Split / Fn::FindInMap');
      const literalIndex =
        node.index.kind === 'scalar' || node.index.kind === 'string' ? node.index.value : undefined;
      if (literalIndex !== undefined) {
        const parsed = parseIndex(literalIndex);
        if (parsed === undefined) {
          throw invalid(
            node.index.path,
            `Fn::Select index ${describeValue(literalIndex)} is not a non-negative integer`,
          );
        }
        if (node.list.kind === 'list' && parsed >= node.list.items.length) {
          throw invalid(
            node.index.path,
            `Fn::Select index ${parsed} is out of bounds, expected 0 to ${node.list.items.length - 1}`,
          );
        }
      }
      return node;
    }
    case 'Fn::Split': {
      const [delimiter, source] = argumentList(raw, at, name, '[delimiter, source string]', 2);
      const text = literalString(delimiter, [...at, 0], 'Fn::Split delimiter');
      if (text === '') {
        throw invalid([...at, 0], 'Fn::Split delimiter is empty, expected at least one character');
      }
      const node = {
        kind: 'split',
        delimiter: text,
        source: parseNode(source, [...at, 1], context),
        path,
      } as const;
      assertNodeShape(node.source, 'string', 'a string to split');
      return node;
    }
    case 'Fn::FindInMap': {
      const [mapName, topLevelKey, secondLevelKey] = argumentList(
        raw,
        at,
        name,
        '[MapName, TopLevelKey, SecondLevelKey]',
        3,
      );
      const node = {
        kind: 'findInMap',
        mapName: parseNode(mapName, [...at, 0], context),
        topLevelKey: parseNode(topLevelKey, [...at, 1], context),
        secondLevelKey: parseNode(secondLevelKey, [...at, 2], context),
        path,
      } as const;
      assertNodeShape(node.mapName, 'string', 'a mapping name');
      assertNodeShape(node.topLevelKey, 'string', 'a top-level key');
      assertNodeShape(node.secondLevelKey, 'string', 'a second-level key');
      checkMapping(node, context.mappings);
      return node;
    }
    case 'Fn::Sub': {
      let text: unknown = raw;
      let variablesRaw: unknown = {};
      if (Array.isArray(raw)) {
        [text, variablesRaw] = argumentList(raw, at, name, 'a string or [string, {variables}]', 2);
      }
      const stringPath = Array.isArray(raw) ? [...at, 0] : at;
      const parts = parseSubString(literalString(text, stringPath, 'Fn::Sub string'), stringPath);
      if (
        variablesRaw === null ||
        typeof variablesRaw !== 'object' ||
        Array.isArray(variablesRaw)
      ) {
        throw invalid(
          [...at, 1],
          `Fn::Sub variables must be an object, received ${describeValue(variablesRaw)}`,
        );
      }
      const variables = new Map<string, TemplateNode>();
      for (const [key, value] of Object.entries(variablesRaw)) {
        const node = parseNode(value, [...at, 1, key], context);
        assertNodeShape(node, 'string', 'a string value for the variable');
        variables.set(key, node);
      }
      for (const part of parts) {
        if (part.kind === 'variable' && !variables.has(part.name)) {
          checkReference(
            part.name,
            stringPath,
            context,
            `Fn::Sub variable \${${part.name}} refers`,
          );
        }
      }
      return { kind: 'sub', parts, variables, path };
    }
    default:
      throw new ProvisioningTemplateError(
        'UNSUPPORTED_CONSTRUCT',
        `Unsupported construct at ${formatPath(path)}: intrinsic function "${name}" is not supported by provisioning templates, expected one of ${INTRINSIC_FUNCTIONS.join(', ')}`,
      );
  }
}

function checkMapping(
  node: Extract<TemplateNode, { kind: 'findInMap' }>,
  mappings: Mappings,
): void {
  if (node.mapName.kind !== 'string') {
    return;
  }
  const map = mappings.get(node.mapName.value);
  if (map === undefined) {
    const known = [...mappings.keys()].map((k) => JSON.stringify(k)).join(', ');
    throw invalid(
      node.mapName.path,
      `Fn::FindInMap names mapping "${node.mapName.value}", which is not in Mappings; expected ${known === '' ? 'a Mappings section' : `one of ${known}`}`,
    );
  }
  if (node.topLevelKey.kind !== 'string') {
    return;
  }
  const top = map.get(node.topLevelKey.value);
  if (top === undefined) {
    throw invalid(
      node.topLevelKey.path,
      `Fn::FindInMap top-level key "${node.topLevelKey.value}" is not in mapping "${node.mapName.value}"`,
    );
  }
  if (node.secondLevelKey.kind === 'string' && !top.has(node.secondLevelKey.value)) {
    throw invalid(
      node.secondLevelKey.path,
      `Fn::FindInMap second-level key "${node.secondLevelKey.value}" is not in mapping "${node.mapName.value}" under "${node.topLevelKey.value}"`,
    );
  }
}

/** Reads an `Fn::Select` index: a non-negative integer, as a number or as a string of digits. */
function parseIndex(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  }
  if (typeof value === 'string' && /^[0-9]{1,9}$/.test(value)) {
    return Number(value);
  }
  return undefined;
}

/**
 * Turns a JSON value of a template (outside `Mappings`) into a {@link TemplateNode}: an object
 * whose single key is `Ref` or `Fn::*` is an intrinsic function, checked against what AWS IoT
 * provisioning templates support and against the declared parameters and mappings.
 *
 * @throws {ProvisioningTemplateError} `UNSUPPORTED_CONSTRUCT` naming an intrinsic function
 *   provisioning templates lack (`Fn::If`, `Fn::GetAtt`, ...) or a reference to an undeclared
 *   parameter, a resource or an unsupported pseudo-parameter; `INVALID_TEMPLATE` for a malformed
 *   function call or a value nested deeper than 64 levels, with its JSON path.
 */
export function parseNode(raw: unknown, path: JsonPath, context: NodeContext): TemplateNode {
  if (path.length > MAX_DEPTH) {
    throw invalid(path.slice(0, MAX_DEPTH), `values are nested deeper than ${MAX_DEPTH} levels`);
  }
  if (typeof raw === 'string') {
    return { kind: 'string', value: raw, path };
  }
  if (raw === null || typeof raw === 'number' || typeof raw === 'boolean') {
    return { kind: 'scalar', value: raw, path };
  }
  if (Array.isArray(raw)) {
    return {
      kind: 'list',
      items: raw.map((item, i) => parseNode(item, [...path, i], context)),
      path,
    };
  }
  if (typeof raw !== 'object') {
    throw invalid(path, `received ${describeValue(raw)}, expected a JSON value`);
  }
  const keys = Object.keys(raw);
  const intrinsic = keys.find(isIntrinsicKey);
  if (intrinsic !== undefined) {
    if (!SUPPORTED.has(intrinsic)) {
      return parseIntrinsic(intrinsic, undefined, path, context);
    }
    if (keys.length !== 1) {
      throw invalid(
        path,
        `an intrinsic function object must have exactly one key, received ${keys.map((k) => JSON.stringify(k)).join(', ')}`,
      );
    }
    return parseIntrinsic(intrinsic, (raw as Record<string, unknown>)[intrinsic], path, context);
  }
  return {
    kind: 'object',
    entries: Object.entries(raw).map(
      ([key, value]) => [key, parseNode(value, [...path, key], context)] as const,
    ),
    path,
  };
}
