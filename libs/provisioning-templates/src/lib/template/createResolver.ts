import { ProvisioningTemplateError } from '../errors/ProvisioningTemplateError.js';
import { describeValue } from '../internal/describeValue.js';
import { formatPath } from '../internal/formatPath.js';
import type { Mappings, TemplateNode } from './types.js';

/** A JSON value a node resolves to. */
export type ResolvedValue =
  | string
  | number
  | boolean
  | null
  | readonly ResolvedValue[]
  | { readonly [key: string]: ResolvedValue };

/** Resolves nodes of one template against one set of parameter values. */
export interface Resolver {
  /** Resolves a node that must give a string. */
  readonly string: (node: TemplateNode) => string;
  /** Resolves a node that must give a list of strings. */
  readonly list: (node: TemplateNode) => string[];
  /** Resolves any node to JSON (policy documents). */
  readonly json: (node: TemplateNode) => ResolvedValue;
}

function failed(node: TemplateNode, message: string): ProvisioningTemplateError {
  return new ProvisioningTemplateError(
    'EVALUATION_FAILED',
    `Evaluation failed at ${formatPath(node.path)}: ${message}`,
  );
}

/**
 * Builds the resolver of a template's intrinsic functions. `lookup` answers a `Ref` or an
 * `Fn::Sub` variable that is not in the function's own map (parameters and pseudo-parameters) and
 * throws when it has no value.
 *
 * @throws {ProvisioningTemplateError} from the resolver's methods: `EVALUATION_FAILED` naming the
 *   path for an out-of-bounds `Fn::Select` (AWS: "results in a provisioning error"), a missing
 *   mapping key, or a value of the wrong type; whatever `lookup` throws.
 */
export function createResolver(
  mappings: Mappings,
  lookup: (name: string, node: TemplateNode) => string,
): Resolver {
  const value = (node: TemplateNode): string | string[] => {
    switch (node.kind) {
      case 'string':
        return node.value;
      case 'ref':
        return lookup(node.name, node);
      case 'join':
        return list(node.list).join(node.delimiter);
      case 'split':
        return string(node.source).split(node.delimiter);
      case 'select': {
        const index = node.index.kind === 'scalar' ? node.index.value : string(node.index);
        const parsed =
          typeof index === 'number'
            ? index
            : typeof index === 'string' && /^[0-9]{1,9}$/.test(index)
              ? Number(index)
              : Number.NaN;
        if (!Number.isSafeInteger(parsed) || parsed < 0) {
          throw failed(
            node,
            `Fn::Select index ${describeValue(index)} is not a non-negative integer`,
          );
        }
        const items = list(node.list);
        const item = items[parsed];
        if (item === undefined) {
          throw failed(
            node,
            `Fn::Select index ${parsed} is out of bounds of a list of ${items.length}, expected 0 to ${items.length - 1}`,
          );
        }
        return item;
      }
      case 'findInMap': {
        const mapName = string(node.mapName);
        const topLevelKey = string(node.topLevelKey);
        const secondLevelKey = string(node.secondLevelKey);
        const found = mappings.get(mapName)?.get(topLevelKey)?.get(secondLevelKey);
        if (found === undefined) {
          throw failed(
            node,
            `Fn::FindInMap found no value at ["${mapName}", "${topLevelKey}", "${secondLevelKey}"] in Mappings`,
          );
        }
        return typeof found === 'string' ? found : [...found];
      }
      case 'sub':
        return node.parts
          .map((part) => {
            if (part.kind === 'text') {
              return part.text;
            }
            const variable = node.variables.get(part.name);
            return variable === undefined ? lookup(part.name, node) : string(variable);
          })
          .join('');
      case 'scalar':
      case 'list':
      case 'object':
        throw failed(
          node,
          `received ${node.kind === 'scalar' ? describeValue(node.value) : `an ${node.kind}`}, expected a string`,
        );
    }
  };
  const string = (node: TemplateNode): string => {
    const result = value(node);
    if (typeof result !== 'string') {
      throw failed(node, `received a list of ${result.length}, expected a string`);
    }
    return result;
  };
  const list = (node: TemplateNode): string[] => {
    if (node.kind === 'list') {
      return node.items.map(string);
    }
    const result = value(node);
    if (typeof result === 'string') {
      throw failed(node, `received ${describeValue(result)}, expected a list of strings`);
    }
    return result;
  };
  const json = (node: TemplateNode): ResolvedValue => {
    switch (node.kind) {
      case 'scalar':
        return node.value;
      case 'list':
        return node.items.map(json);
      case 'object':
        return Object.fromEntries(node.entries.map(([key, item]) => [key, json(item)]));
      case 'string':
      case 'ref':
      case 'join':
      case 'select':
      case 'split':
      case 'findInMap':
      case 'sub':
        return value(node);
    }
  };
  return { string, list, json };
}
