import { parsePolicyDocument } from '@iot-gateway-net/policy';
import { assertThingName } from '@iot-gateway-net/topics';
import { ProvisioningTemplateError } from '../errors/ProvisioningTemplateError.js';
import { describeValue } from '../internal/describeValue.js';
import { formatPath, type JsonPath } from '../internal/formatPath.js';
import { PROVISIONING_TEMPLATE_LIMITS } from '../limits/limits.js';
import { assertNodeShape } from './assertNodeShape.js';
import {
  CERTIFICATE_STATUSES,
  OVERRIDE_ACTIONS,
  PSEUDO_PARAMETER_SET,
  RESOURCE_TYPES,
  TEMPLATE_SECTIONS,
} from './constants.js';
import { parseNode, type NodeContext } from './parseNode.js';
import type {
  CertificateResource,
  MappingValue,
  Mappings,
  OverrideAction,
  ParameterDeclaration,
  ParsedTemplate,
  PolicyResource,
  TemplateNode,
  ThingResource,
} from './types.js';

type JsonObject = Record<string, unknown>;

function invalid(path: JsonPath, message: string, cause?: unknown): ProvisioningTemplateError {
  return new ProvisioningTemplateError(
    'INVALID_TEMPLATE',
    `Invalid template at ${formatPath(path)}: ${message}`,
    cause === undefined ? undefined : { cause },
  );
}

function unsupported(path: JsonPath, message: string): ProvisioningTemplateError {
  return new ProvisioningTemplateError(
    'UNSUPPORTED_CONSTRUCT',
    `Unsupported construct at ${formatPath(path)}: ${message}`,
  );
}

function isIntrinsicObject(value: unknown): value is JsonObject {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).some((key) => key === 'Ref' || key.startsWith('Fn:'))
  );
}

function asObject(raw: unknown, path: JsonPath, expected: string): JsonObject {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalid(path, `received ${describeValue(raw)}, expected ${expected}`);
  }
  return raw as JsonObject;
}

function refuseUnknownKeys(
  object: JsonObject,
  allowed: readonly string[],
  path: JsonPath,
  what: string,
): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw unsupported(
        [...path, key],
        `${what} "${key}" is not supported by provisioning templates, expected only ${allowed.join(', ')}`,
      );
    }
  }
}

function parseParameters(raw: unknown): ParameterDeclaration[] {
  if (raw === undefined) {
    return [];
  }
  const path = ['Parameters'];
  const section = asObject(raw, path, 'an object of parameter declarations');
  return Object.entries(section).map(([name, declarationRaw]) => {
    const at = [...path, name];
    if (name.startsWith('AWS::') && !PSEUDO_PARAMETER_SET.has(name)) {
      throw unsupported(
        at,
        `pseudo-parameter "${name}" is not supported by provisioning templates, expected an AWS::IoT::Certificate::* pseudo-parameter or a name of your own`,
      );
    }
    const declaration = asObject(
      declarationRaw,
      at,
      'an object {"Type": "String", "Default"?: string}',
    );
    // "Each parameter declares a name, a type, and an optional default value" (Provisioning templates).
    refuseUnknownKeys(declaration, ['Type', 'Default'], at, 'parameter attribute');
    if (declaration['Type'] !== 'String') {
      if (typeof declaration['Type'] === 'string') {
        throw unsupported(
          [...at, 'Type'],
          `parameter type "${declaration['Type']}" is not supported by provisioning templates, expected "String"`,
        );
      }
      throw invalid(
        [...at, 'Type'],
        `received ${describeValue(declaration['Type'])}, expected "String"`,
      );
    }
    const fallback = declaration['Default'];
    if (fallback !== undefined && typeof fallback !== 'string') {
      throw invalid([...at, 'Default'], `received ${describeValue(fallback)}, expected a string`);
    }
    return fallback === undefined ? { name } : { name, default: fallback };
  });
}

function parseMappings(raw: unknown): Mappings {
  const mappings = new Map<string, Map<string, Map<string, MappingValue>>>();
  if (raw === undefined) {
    return mappings;
  }
  const path = ['Mappings'];
  // "You cannot include parameters, pseudo parameters, or call intrinsic functions in the
  // Mappings section" (Provisioning templates, Mappings).
  const refuseIntrinsic = (value: unknown, at: JsonPath): void => {
    if (isIntrinsicObject(value)) {
      const name = Object.keys(value).find((key) => key === 'Ref' || key.startsWith('Fn:'));
      throw unsupported(
        at,
        `intrinsic function "${name}" is not allowed in Mappings, expected literal values`,
      );
    }
  };
  for (const [mapName, mapRaw] of Object.entries(asObject(raw, path, 'an object of mappings'))) {
    refuseIntrinsic(mapRaw, [...path, mapName]);
    const map = new Map<string, Map<string, MappingValue>>();
    const mapPath = [...path, mapName];
    for (const [topKey, topRaw] of Object.entries(
      asObject(mapRaw, mapPath, 'an object of top-level keys'),
    )) {
      refuseIntrinsic(topRaw, [...mapPath, topKey]);
      const entries = new Map<string, MappingValue>();
      const topPath = [...mapPath, topKey];
      for (const [key, value] of Object.entries(
        asObject(topRaw, topPath, 'an object of second-level keys'),
      )) {
        refuseIntrinsic(value, [...topPath, key]);
        if (typeof value === 'string') {
          entries.set(key, value);
        } else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
          entries.set(key, Object.freeze([...value]));
        } else {
          throw invalid(
            [...topPath, key],
            `received ${describeValue(value)}, expected a string or a list of strings`,
          );
        }
      }
      map.set(topKey, entries);
    }
    mappings.set(mapName, map);
  }
  return mappings;
}

function parseOverrides<K extends string>(
  raw: unknown,
  path: JsonPath,
  allowed: readonly K[],
  mergeable: readonly K[],
): Partial<Record<K, OverrideAction>> {
  if (raw === undefined) {
    return {};
  }
  const settings = asObject(raw, path, 'an object of property → override action');
  refuseUnknownKeys(settings, allowed, path, 'OverrideSettings property');
  const result: Partial<Record<K, OverrideAction>> = {};
  for (const key of allowed) {
    const value = settings[key];
    if (value === undefined) {
      continue;
    }
    if (typeof value !== 'string' || !(OVERRIDE_ACTIONS as readonly string[]).includes(value)) {
      throw invalid(
        [...path, key],
        `received ${describeValue(value)}, expected one of ${OVERRIDE_ACTIONS.join(', ')}`,
      );
    }
    // MERGE is "valid only for the ThingGroups and AttributePayload properties of a thing"
    // (Provisioning templates, Override settings).
    if (value === 'MERGE' && !mergeable.includes(key)) {
      throw invalid(
        [...path, key],
        `MERGE is only valid for a thing's AttributePayload and ThingGroups, expected DO_NOTHING, REPLACE or FAIL`,
      );
    }
    result[key] = value as OverrideAction;
  }
  return result;
}

function parseThing(
  logicalId: string,
  resource: JsonObject,
  path: JsonPath,
  context: NodeContext,
): ThingResource {
  const propertiesPath = [...path, 'Properties'];
  const properties = asObject(
    resource['Properties'],
    propertiesPath,
    'an object of thing properties',
  );
  if ('PackageVersions' in properties) {
    throw unsupported(
      [...propertiesPath, 'PackageVersions'],
      'thing property "PackageVersions" is not supported by this stand-in',
    );
  }
  refuseUnknownKeys(
    properties,
    ['ThingName', 'AttributePayload', 'ThingTypeName', 'ThingGroups', 'BillingGroup'],
    propertiesPath,
    'thing property',
  );
  if (properties['ThingName'] === undefined) {
    throw invalid(
      propertiesPath,
      'thing has no ThingName, expected a ThingName string or intrinsic function',
    );
  }
  const thingName = parseNode(properties['ThingName'], [...propertiesPath, 'ThingName'], context);
  assertNodeShape(thingName, 'string', 'a thing name');
  if (thingName.kind === 'string') {
    try {
      assertThingName(thingName.value);
    } catch (error) {
      throw invalid(thingName.path, error instanceof Error ? error.message : String(error), error);
    }
  }
  const optionalString = (key: string): TemplateNode | undefined => {
    if (properties[key] === undefined) {
      return undefined;
    }
    const node = parseNode(properties[key], [...propertiesPath, key], context);
    assertNodeShape(node, 'string', `a ${key} string`);
    return node;
  };
  let attributePayload: (readonly [string, TemplateNode])[] | undefined;
  if (properties['AttributePayload'] !== undefined) {
    const at = [...propertiesPath, 'AttributePayload'];
    if (isIntrinsicObject(properties['AttributePayload'])) {
      throw invalid(
        at,
        'AttributePayload must be an object of attribute name → value, received an intrinsic function',
      );
    }
    const payload = asObject(
      properties['AttributePayload'],
      at,
      'an object of attribute name → value',
    );
    attributePayload = Object.entries(payload).map(([name, value]) => {
      const node = parseNode(value, [...at, name], context);
      assertNodeShape(node, 'string', 'an attribute value string');
      return [name, node] as const;
    });
  }
  let thingGroups: TemplateNode | undefined;
  if (properties['ThingGroups'] !== undefined) {
    thingGroups = parseNode(properties['ThingGroups'], [...propertiesPath, 'ThingGroups'], context);
    assertNodeShape(thingGroups, 'list', 'a list of thing group names');
    if (thingGroups.kind === 'list') {
      for (const item of thingGroups.items) {
        assertNodeShape(item, 'string', 'a thing group name');
      }
    }
  }
  const overrides = parseOverrides(
    resource['OverrideSettings'],
    [...path, 'OverrideSettings'],
    ['AttributePayload', 'ThingTypeName', 'ThingGroups'],
    ['AttributePayload', 'ThingGroups'],
  );
  const thingTypeName = optionalString('ThingTypeName');
  const billingGroup = optionalString('BillingGroup');
  return {
    logicalId,
    thingName,
    ...(attributePayload === undefined ? {} : { attributePayload }),
    ...(thingTypeName === undefined ? {} : { thingTypeName }),
    ...(thingGroups === undefined ? {} : { thingGroups }),
    ...(billingGroup === undefined ? {} : { billingGroup }),
    overrideSettings: {
      ...(overrides.AttributePayload === undefined
        ? {}
        : { attributePayload: overrides.AttributePayload }),
      ...(overrides.ThingTypeName === undefined
        ? {}
        : { thingTypeName: overrides.ThingTypeName as Exclude<OverrideAction, 'MERGE'> }),
      ...(overrides.ThingGroups === undefined ? {} : { thingGroups: overrides.ThingGroups }),
    },
  };
}

function parseCertificate(
  logicalId: string,
  resource: JsonObject,
  path: JsonPath,
  context: NodeContext,
): CertificateResource {
  const propertiesPath = [...path, 'Properties'];
  const properties = asObject(
    resource['Properties'],
    propertiesPath,
    'an object of certificate properties',
  );
  for (const key of ['CertificateSigningRequest', 'CACertificatePem']) {
    if (key in properties) {
      throw unsupported(
        [...propertiesPath, key],
        `certificate property "${key}" is not supported (fleet provisioning templates take only a certificate id; AWS IoT "Provisioning templates"), expected CertificateId or CertificatePem`,
      );
    }
  }
  refuseUnknownKeys(
    properties,
    ['CertificateId', 'CertificatePem', 'Status'],
    propertiesPath,
    'certificate property',
  );
  const hasId = properties['CertificateId'] !== undefined;
  const hasPem = properties['CertificatePem'] !== undefined;
  if (hasId === hasPem) {
    throw invalid(
      propertiesPath,
      `certificate has ${hasId ? 'both CertificateId and CertificatePem' : 'neither CertificateId nor CertificatePem'}, expected exactly one`,
    );
  }
  const key = hasId ? 'CertificateId' : 'CertificatePem';
  const value = parseNode(properties[key], [...propertiesPath, key], context);
  assertNodeShape(value, 'string', `a ${key} string`);
  let status: TemplateNode | undefined;
  if (properties['Status'] !== undefined) {
    status = parseNode(properties['Status'], [...propertiesPath, 'Status'], context);
    assertNodeShape(status, 'string', 'a certificate status');
    if (
      status.kind === 'string' &&
      !(CERTIFICATE_STATUSES as readonly string[]).includes(status.value.toUpperCase())
    ) {
      throw invalid(
        status.path,
        `received ${describeValue(status.value)}, expected ACTIVE or INACTIVE`,
      );
    }
  }
  const overrides = parseOverrides(
    resource['OverrideSettings'],
    [...path, 'OverrideSettings'],
    ['Status'],
    [],
  );
  return {
    logicalId,
    ...(hasId ? { certificateId: value } : { certificatePem: value }),
    ...(status === undefined ? {} : { status }),
    overrideSettings:
      overrides.Status === undefined
        ? {}
        : { status: overrides.Status as Exclude<OverrideAction, 'MERGE'> },
  };
}

/** The JSON value a node stands for when it holds no intrinsic function, else `undefined`. */
function literalValue(node: TemplateNode): unknown {
  switch (node.kind) {
    case 'string':
    case 'scalar':
      return node.value;
    case 'list': {
      const items = node.items.map(literalValue);
      return items.includes(undefined) ? undefined : items;
    }
    case 'object': {
      const entries = node.entries.map(([key, value]) => [key, literalValue(value)] as const);
      return entries.some(([, value]) => value === undefined)
        ? undefined
        : Object.fromEntries(entries);
    }
    case 'ref':
    case 'join':
    case 'select':
    case 'split':
    case 'findInMap':
    case 'sub':
      return undefined;
  }
}

function parsePolicy(
  logicalId: string,
  resource: JsonObject,
  path: JsonPath,
  context: NodeContext,
): PolicyResource {
  if (resource['OverrideSettings'] !== undefined) {
    throw unsupported(
      [...path, 'OverrideSettings'],
      'OverrideSettings are not available for policy resources',
    );
  }
  const propertiesPath = [...path, 'Properties'];
  const properties = asObject(
    resource['Properties'],
    propertiesPath,
    'an object of policy properties',
  );
  refuseUnknownKeys(
    properties,
    ['PolicyName', 'PolicyDocument'],
    propertiesPath,
    'policy property',
  );
  const hasName = properties['PolicyName'] !== undefined;
  const hasDocument = properties['PolicyDocument'] !== undefined;
  // "PolicyName or PolicyDocument, but not both, must be specified" (Provisioning templates).
  if (hasName === hasDocument) {
    throw invalid(
      propertiesPath,
      `policy has ${hasName ? 'both PolicyName and PolicyDocument' : 'neither PolicyName nor PolicyDocument'}, expected exactly one`,
    );
  }
  if (hasName) {
    const policyName = parseNode(
      properties['PolicyName'],
      [...propertiesPath, 'PolicyName'],
      context,
    );
    assertNodeShape(policyName, 'string', 'a policy name');
    return { logicalId, policyName };
  }
  const policyDocument = parseNode(
    properties['PolicyDocument'],
    [...propertiesPath, 'PolicyDocument'],
    context,
  );
  if (policyDocument.kind !== 'object') {
    assertNodeShape(policyDocument, 'string', 'a policy document (JSON text or object)');
  }
  const literal = literalValue(policyDocument);
  if (literal !== undefined) {
    try {
      parsePolicyDocument(literal);
    } catch (error) {
      throw invalid(
        policyDocument.path,
        error instanceof Error ? error.message : String(error),
        error,
      );
    }
  }
  return { logicalId, policyDocument };
}

function parseDeviceConfiguration(
  raw: unknown,
  context: NodeContext,
): (readonly [string, TemplateNode])[] {
  if (raw === undefined) {
    return [];
  }
  const path = ['DeviceConfiguration'];
  if (isIntrinsicObject(raw)) {
    throw invalid(
      path,
      'DeviceConfiguration must be an object of key → string, received an intrinsic function',
    );
  }
  const section = asObject(raw, path, 'a flat object of key → string');
  return Object.entries(section).map(([key, value]) => {
    const node = parseNode(value, [...path, key], context);
    // RegisterThing answers deviceConfiguration as a string → string map (Device provisioning MQTT API).
    assertNodeShape(node, 'string', 'a string (DeviceConfiguration is a flat string map)');
    return [key, node] as const;
  });
}

/**
 * Parses and checks a provisioning template body the way AWS IoT does at
 * CreateProvisioningTemplate: at most 10,240 characters of JSON with only `Parameters` (type
 * `String`, optional `Default`), `Mappings`, `Resources` (`AWS::IoT::Thing`,
 * `AWS::IoT::Certificate`, `AWS::IoT::Policy`, with `OverrideSettings`) and
 * `DeviceConfiguration`; intrinsic functions `Ref`, `Fn::Join`, `Fn::Select`, `Fn::FindInMap`,
 * `Fn::Split` and `Fn::Sub`; pseudo-parameters `AWS::IoT::Certificate::*`. References to
 * parameters and mappings, literal thing names, literal statuses and literal policy documents are
 * checked now; the rest when the template is evaluated.
 *
 * @returns the parsed template, for `evaluateTemplate`.
 * @throws {ProvisioningTemplateError} `TEMPLATE_TOO_LARGE` over 10,240 characters;
 *   `INVALID_TEMPLATE` for text that is not a JSON object or a malformed section, resource or
 *   function; `UNSUPPORTED_CONSTRUCT` naming anything provisioning templates do not have
 *   (`Conditions`, `Outputs`, `Fn::If`, `Fn::GetAtt`, unknown resource types or properties, a `Ref`
 *   to an undeclared parameter) and its JSON path.
 */
export function parseTemplate(body: string): ParsedTemplate {
  if (typeof body !== 'string') {
    throw invalid([], `received ${describeValue(body)}, expected the template body as JSON text`);
  }
  if (body.length > PROVISIONING_TEMPLATE_LIMITS.templateBodyLength) {
    throw new ProvisioningTemplateError(
      'TEMPLATE_TOO_LARGE',
      `Template body has ${body.length} characters, expected at most ${PROVISIONING_TEMPLATE_LIMITS.templateBodyLength}`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(body) as unknown;
  } catch (error) {
    throw invalid(
      [],
      `expected JSON text, received text that does not parse (${error instanceof Error ? error.message : String(error)})`,
      error,
    );
  }
  const root = asObject(
    document,
    [],
    'a JSON object with Parameters, Mappings, Resources, DeviceConfiguration',
  );
  refuseUnknownKeys(root, TEMPLATE_SECTIONS, [], 'section');
  const parameters = parseParameters(root['Parameters']);
  const mappings = parseMappings(root['Mappings']);
  const resources = asObject(root['Resources'], ['Resources'], 'an object of resources');
  const context: NodeContext = {
    parameters: new Set(parameters.map((p) => p.name)),
    mappings,
    resourceIds: new Set(Object.keys(resources)),
  };
  let thing: ThingResource | undefined;
  let certificate: CertificateResource | undefined;
  const policies: PolicyResource[] = [];
  for (const [logicalId, resourceRaw] of Object.entries(resources)) {
    const path = ['Resources', logicalId];
    const resource = asObject(
      resourceRaw,
      path,
      'a resource {"Type", "Properties", "OverrideSettings"?}',
    );
    refuseUnknownKeys(
      resource,
      ['Type', 'Properties', 'OverrideSettings'],
      path,
      'resource attribute',
    );
    const type = resource['Type'];
    switch (type) {
      case 'AWS::IoT::Thing':
        if (thing !== undefined) {
          throw invalid(
            path,
            `a second AWS::IoT::Thing (first is "${thing.logicalId}"), expected at most one`,
          );
        }
        thing = parseThing(logicalId, resource, path, context);
        break;
      case 'AWS::IoT::Certificate':
        if (certificate !== undefined) {
          throw invalid(
            path,
            `a second AWS::IoT::Certificate (first is "${certificate.logicalId}"), expected at most one`,
          );
        }
        certificate = parseCertificate(logicalId, resource, path, context);
        break;
      case 'AWS::IoT::Policy':
        policies.push(parsePolicy(logicalId, resource, path, context));
        break;
      default:
        if (typeof type === 'string') {
          throw unsupported(
            [...path, 'Type'],
            `resource type "${type}" is not supported by provisioning templates, expected one of ${RESOURCE_TYPES.join(', ')}`,
          );
        }
        throw invalid(
          [...path, 'Type'],
          `received ${describeValue(type)}, expected one of ${RESOURCE_TYPES.join(', ')}`,
        );
    }
  }
  return {
    parameters,
    mappings,
    ...(thing === undefined ? {} : { thing }),
    ...(certificate === undefined ? {} : { certificate }),
    policies,
    deviceConfiguration: parseDeviceConfiguration(root['DeviceConfiguration'], context),
  };
}
