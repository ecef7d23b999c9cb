import { parsePolicyDocument } from '@iot-gateway-net/policy';
import { assertThingName } from '@iot-gateway-net/topics';
import { ProvisioningTemplateError } from '../errors/ProvisioningTemplateError.js';
import { describeValue } from '../internal/describeValue.js';
import { formatPath } from '../internal/formatPath.js';
import { PROVISIONING_TEMPLATE_LIMITS } from '../limits/limits.js';
import {
  ProvisioningPlanSchema,
  type CertificatePlan,
  type PolicyPlan,
  type ProvisioningPlan,
  type ThingPlan,
} from '../plan/schemas.js';
import { CERTIFICATE_STATUSES, PSEUDO_PARAMETER_SET } from './constants.js';
import { createResolver } from './createResolver.js';
import type { ParsedTemplate, TemplateNode } from './types.js';

/** The values a template is evaluated with. */
export interface EvaluationInput {
  /** RegisterThing `parameters` (after any pre-provisioning hook overrides). */
  readonly parameters: Readonly<Record<string, string>>;
  /** `AWS::IoT::Certificate::*` values taken from the certificate being provisioned. */
  readonly pseudoParameters: Readonly<Record<string, string>>;
}

function checkStrings(values: unknown, what: string): Map<string, string> {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw new ProvisioningTemplateError(
      'INVALID_PARAMETER',
      `Invalid ${what}: received ${describeValue(values)}, expected an object of string → string`,
    );
  }
  const checked = new Map<string, string>();
  for (const [key, value] of Object.entries(values)) {
    // Limits of RegisterThing `parameters` (AWS IoT API Reference, RegisterThing).
    if (key.length > PROVISIONING_TEMPLATE_LIMITS.parameterKeyLength) {
      throw new ProvisioningTemplateError(
        'INVALID_PARAMETER',
        `Invalid ${what}: key ${describeValue(key)} has ${key.length} characters, expected at most ${PROVISIONING_TEMPLATE_LIMITS.parameterKeyLength}`,
      );
    }
    if (typeof value !== 'string') {
      throw new ProvisioningTemplateError(
        'INVALID_PARAMETER',
        `Invalid ${what}: "${key}" is ${describeValue(value)}, expected a string`,
      );
    }
    if (value.length > PROVISIONING_TEMPLATE_LIMITS.parameterValueLength) {
      throw new ProvisioningTemplateError(
        'INVALID_PARAMETER',
        `Invalid ${what}: value of "${key}" has ${value.length} characters, expected at most ${PROVISIONING_TEMPLATE_LIMITS.parameterValueLength}`,
      );
    }
    checked.set(key, value);
  }
  return checked;
}

function missing(name: string, where: string): ProvisioningTemplateError {
  return new ProvisioningTemplateError(
    'MISSING_PARAMETER',
    PSEUDO_PARAMETER_SET.has(name)
      ? `Missing pseudo-parameter "${name}" ${where}: the certificate being provisioned gave no value`
      : `Missing parameter "${name}" ${where}: no value was passed and the template declares no Default`,
  );
}

/**
 * Evaluates a parsed provisioning template for one RegisterThing (or JITP) request: applies
 * parameter defaults, resolves every intrinsic function and pseudo-parameter, checks the thing
 * name and every policy document, and returns the plan the local cloud applies.
 *
 * Every declared parameter must have a value or a `Default`, and every declared
 * `AWS::IoT::Certificate::*` pseudo-parameter a value from the certificate (AWS IoT
 * "Just-in-time provisioning": provisioning fails if the certificate lacks a declared field).
 * Parameters the template does not declare are ignored. The certificate `Status` defaults to
 * `ACTIVE` and is read case-insensitively (AWS's own fleet example writes `"Active"`).
 *
 * @throws {ProvisioningTemplateError} `INVALID_PARAMETER` for a key over 2,048 or a value over
 *   4,096 characters, or a value that is not a string; `MISSING_PARAMETER` naming a parameter
 *   without value or default, or a referenced pseudo-parameter that was not supplied;
 *   `EVALUATION_FAILED` naming the JSON path of an intrinsic function that failed, an invalid
 *   thing name (cause: `TopicError`), an invalid policy document (cause: `PolicyError`) or a
 *   status other than ACTIVE / INACTIVE.
 */
export function evaluateTemplate(
  template: ParsedTemplate,
  input: EvaluationInput,
): ProvisioningPlan {
  const parameters = checkStrings(input.parameters, 'parameters');
  const pseudo = checkStrings(input.pseudoParameters, 'pseudo-parameters');
  const values = new Map<string, string>();
  for (const declaration of template.parameters) {
    const value = PSEUDO_PARAMETER_SET.has(declaration.name)
      ? pseudo.get(declaration.name)
      : parameters.get(declaration.name);
    const resolved = value ?? declaration.default;
    if (resolved === undefined) {
      throw missing(declaration.name, 'declared in Parameters');
    }
    values.set(declaration.name, resolved);
  }
  const resolver = createResolver(template.mappings, (name: string, node: TemplateNode) => {
    const value =
      values.get(name) ?? (PSEUDO_PARAMETER_SET.has(name) ? pseudo.get(name) : undefined);
    if (value === undefined) {
      throw missing(name, `referenced at ${formatPath(node.path)}`);
    }
    return value;
  });
  const failed = (node: TemplateNode, message: string, cause: unknown): ProvisioningTemplateError =>
    new ProvisioningTemplateError(
      'EVALUATION_FAILED',
      `Evaluation failed at ${formatPath(node.path)}: ${message}`,
      {
        cause,
      },
    );

  let thing: ThingPlan | undefined;
  if (template.thing !== undefined) {
    const source = template.thing;
    const thingName = resolver.string(source.thingName);
    try {
      assertThingName(thingName);
    } catch (error) {
      throw failed(source.thingName, error instanceof Error ? error.message : String(error), error);
    }
    thing = {
      thingName,
      ...(source.attributePayload === undefined
        ? {}
        : {
            attributePayload: Object.fromEntries(
              source.attributePayload.map(([key, node]) => [key, resolver.string(node)]),
            ),
          }),
      ...(source.thingTypeName === undefined
        ? {}
        : { thingTypeName: resolver.string(source.thingTypeName) }),
      ...(source.thingGroups === undefined
        ? {}
        : { thingGroups: resolver.list(source.thingGroups) }),
      ...(source.billingGroup === undefined
        ? {}
        : { billingGroup: resolver.string(source.billingGroup) }),
      overrideSettings: { ...source.overrideSettings },
    };
  }

  let certificate: CertificatePlan | undefined;
  if (template.certificate !== undefined) {
    const source = template.certificate;
    let status: CertificatePlan['status'] = 'ACTIVE';
    if (source.status !== undefined) {
      const raw = resolver.string(source.status).toUpperCase();
      const known = CERTIFICATE_STATUSES.find((s) => s === raw);
      if (known === undefined) {
        throw failed(
          source.status,
          `certificate status ${describeValue(raw)}, expected ACTIVE or INACTIVE`,
          undefined,
        );
      }
      status = known;
    }
    certificate = {
      ...(source.certificateId === undefined
        ? {}
        : { certificateId: resolver.string(source.certificateId) }),
      ...(source.certificatePem === undefined
        ? {}
        : { certificatePem: resolver.string(source.certificatePem) }),
      status,
      overrideSettings: { ...source.overrideSettings },
    };
  }

  const policies: PolicyPlan[] = template.policies.map((policy) => {
    if ('policyName' in policy) {
      return { policyName: resolver.string(policy.policyName) };
    }
    const document = resolver.json(policy.policyDocument);
    try {
      return { policyDocument: parsePolicyDocument(document) };
    } catch (error) {
      throw failed(
        policy.policyDocument,
        error instanceof Error ? error.message : String(error),
        error,
      );
    }
  });

  const deviceConfiguration = Object.fromEntries(
    template.deviceConfiguration.map(([key, node]) => [key, resolver.string(node)]),
  );

  const result = ProvisioningPlanSchema.safeParse({
    ...(thing === undefined ? {} : { thing }),
    ...(certificate === undefined ? {} : { certificate }),
    policies,
    deviceConfiguration,
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ProvisioningTemplateError(
      'EVALUATION_FAILED',
      `Evaluation failed: the resulting plan is invalid at ${issue === undefined ? 'plan' : formatPath(issue.path.map((key) => (typeof key === 'number' ? key : String(key))))}: ${issue?.message ?? 'unknown problem'}`,
      { cause: result.error },
    );
  }
  return result.data;
}
