import type { JsonPath } from '../internal/formatPath.js';
import type { CERTIFICATE_STATUSES, OVERRIDE_ACTIONS } from './constants.js';

/** A part of an `Fn::Sub` string: literal text or a `${Name}` variable. */
export type SubPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'variable'; readonly name: string };

/**
 * A value of the template after parsing: JSON literals, and intrinsic functions whose arguments
 * are themselves nodes. Every node keeps its JSON path for evaluation-time errors.
 */
export type TemplateNode =
  | { readonly kind: 'string'; readonly value: string; readonly path: JsonPath }
  | { readonly kind: 'scalar'; readonly value: number | boolean | null; readonly path: JsonPath }
  | { readonly kind: 'list'; readonly items: readonly TemplateNode[]; readonly path: JsonPath }
  | {
      readonly kind: 'object';
      readonly entries: readonly (readonly [string, TemplateNode])[];
      readonly path: JsonPath;
    }
  | { readonly kind: 'ref'; readonly name: string; readonly path: JsonPath }
  | {
      readonly kind: 'join';
      readonly delimiter: string;
      readonly list: TemplateNode;
      readonly path: JsonPath;
    }
  | {
      readonly kind: 'select';
      readonly index: TemplateNode;
      readonly list: TemplateNode;
      readonly path: JsonPath;
    }
  | {
      readonly kind: 'split';
      readonly delimiter: string;
      readonly source: TemplateNode;
      readonly path: JsonPath;
    }
  | {
      readonly kind: 'findInMap';
      readonly mapName: TemplateNode;
      readonly topLevelKey: TemplateNode;
      readonly secondLevelKey: TemplateNode;
      readonly path: JsonPath;
    }
  | {
      readonly kind: 'sub';
      readonly parts: readonly SubPart[];
      readonly variables: ReadonlyMap<string, TemplateNode>;
      readonly path: JsonPath;
    };

/** A value stored in the `Mappings` section: a string or a list of strings. */
export type MappingValue = string | readonly string[];

/** The `Mappings` section: map name → top-level key → second-level key → value. */
export type Mappings = ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, MappingValue>>>;

/** A declared parameter. */
export interface ParameterDeclaration {
  readonly name: string;
  readonly default?: string;
}

/** An `OverrideSettings` action. */
export type OverrideAction = (typeof OVERRIDE_ACTIONS)[number];

/** A certificate `Status` a template may set. */
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** An `AWS::IoT::Thing` resource after parsing. */
export interface ThingResource {
  readonly logicalId: string;
  readonly thingName: TemplateNode;
  readonly attributePayload?: readonly (readonly [string, TemplateNode])[];
  readonly thingTypeName?: TemplateNode;
  readonly thingGroups?: TemplateNode;
  readonly billingGroup?: TemplateNode;
  readonly overrideSettings: {
    readonly attributePayload?: OverrideAction;
    readonly thingTypeName?: Exclude<OverrideAction, 'MERGE'>;
    readonly thingGroups?: OverrideAction;
  };
}

/** An `AWS::IoT::Certificate` resource after parsing. */
export interface CertificateResource {
  readonly logicalId: string;
  readonly certificateId?: TemplateNode;
  readonly certificatePem?: TemplateNode;
  /** Absent means AWS's default, `ACTIVE`. */
  readonly status?: TemplateNode;
  readonly overrideSettings: { readonly status?: Exclude<OverrideAction, 'MERGE'> };
}

/** An `AWS::IoT::Policy` resource after parsing: by name or by document, never both. */
export type PolicyResource =
  | { readonly logicalId: string; readonly policyName: TemplateNode }
  | { readonly logicalId: string; readonly policyDocument: TemplateNode };

/** A provisioning template that {@link parseTemplate} accepted, ready for `evaluateTemplate`. */
export interface ParsedTemplate {
  readonly parameters: readonly ParameterDeclaration[];
  readonly mappings: Mappings;
  readonly thing?: ThingResource;
  readonly certificate?: CertificateResource;
  readonly policies: readonly PolicyResource[];
  readonly deviceConfiguration: readonly (readonly [string, TemplateNode])[];
}
