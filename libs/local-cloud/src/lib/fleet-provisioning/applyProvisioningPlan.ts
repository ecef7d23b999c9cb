import { createHash } from 'node:crypto';
import type { ProvisioningPlan, ThingPlan } from '@iot-gateway-net/provisioning-templates';
import type { CloudContext } from '../context/CloudContext.js';
import { validatePolicyDocument } from '../control-plane/validatePolicyDocument.js';
import type { CertificateRecord } from '../registry/types.js';
import { provisioningFailure } from './provisioningFailure.js';

/**
 * Applies an evaluated template to the registry for `certificate` (AWS IoT Developer Guide,
 * "Provisioning templates"): the thing is created, or updated per its OverrideSettings
 * (DO_NOTHING, the default; REPLACE; MERGE for attributes and thing groups; FAIL → 409
 * ResourceConflicts when the existing value differs; thing groups must exist, billing groups are
 * refused); the certificate gets the template's status and is attached to the
 * thing; policies are attached (by name: it must exist; by document: a policy named by the SHA-256
 * of the document is created once and reused). Call it inside a registry transaction: it
 * throws half-way on the first failure and relies on the rollback.
 *
 * @throws {LocalCloudError} rejections (400 InvalidRequest, 404 ResourceNotFound, 409
 *   ResourceConflicts) or the registry's own errors.
 */
export function applyProvisioningPlan(
  ctx: CloudContext,
  plan: ProvisioningPlan,
  certificate: CertificateRecord,
): void {
  const { registry } = ctx;
  const principal = certificate.certificateArn;
  if (plan.certificate !== undefined) {
    if (
      plan.certificate.certificateId !== undefined &&
      plan.certificate.certificateId !== certificate.certificateId
    ) {
      throw provisioningFailure(
        400,
        'InvalidRequest',
        `Unexpected certificate id "${plan.certificate.certificateId}" in the template, expected the certificate of the ownership token (Ref AWS::IoT::Certificate::Id)`,
      );
    }
    registry.updateCertificateStatus(certificate.certificateId, plan.certificate.status);
  }
  if (plan.thing !== undefined) {
    applyThing(ctx, plan.thing);
    registry.attachThingPrincipal(plan.thing.thingName, principal);
  }
  for (const policy of plan.policies) {
    let policyName: string;
    if ('policyName' in policy) {
      policyName = policy.policyName;
      if (registry.getPolicy(policyName) === undefined) {
        throw provisioningFailure(404, 'ResourceNotFound', `Policy "${policyName}" does not exist`);
      }
    } else {
      const document = JSON.stringify(policy.policyDocument);
      validatePolicyDocument(document);
      policyName = createHash('sha256').update(document, 'utf8').digest('hex');
      if (registry.getPolicy(policyName) === undefined) registry.createPolicy(policyName, document);
    }
    registry.attachPolicy(policyName, principal);
  }
}

function applyThing(ctx: CloudContext, thing: ThingPlan): void {
  const { registry } = ctx;
  if (thing.billingGroup !== undefined) {
    throw provisioningFailure(
      400,
      'InvalidRequest',
      `Unexpected BillingGroup "${thing.billingGroup}" for thing "${thing.thingName}": the local cloud has no billing groups`,
    );
  }
  const existing = registry.getThing(thing.thingName);
  if (existing === undefined) {
    registry.createThing({
      thingName: thing.thingName,
      ...(thing.thingTypeName === undefined ? {} : { thingTypeName: thing.thingTypeName }),
      ...(thing.attributePayload === undefined ? {} : { attributes: thing.attributePayload }),
    });
    for (const group of thing.thingGroups ?? []) addToGroup(ctx, group, thing.thingName);
    return;
  }
  const conflict = (what: string) =>
    provisioningFailure(
      409,
      'ResourceConflicts',
      `Thing "${thing.thingName}" already exists with a different ${what} and the template's OverrideSettings say FAIL`,
    );
  const attributes = thing.attributePayload;
  if (attributes !== undefined) {
    switch (thing.overrideSettings.attributePayload ?? 'DO_NOTHING') {
      case 'DO_NOTHING':
        break;
      case 'REPLACE':
        registry.updateThing({ thingName: thing.thingName, attributes });
        break;
      case 'MERGE':
        registry.updateThing({ thingName: thing.thingName, attributes, merge: true });
        break;
      case 'FAIL':
        if (JSON.stringify(sorted(existing.attributes)) !== JSON.stringify(sorted(attributes))) {
          throw conflict('AttributePayload');
        }
        break;
    }
  }
  const type = thing.thingTypeName;
  if (type !== undefined && type !== existing.thingTypeName) {
    switch (thing.overrideSettings.thingTypeName ?? 'DO_NOTHING') {
      case 'DO_NOTHING':
        break;
      case 'REPLACE':
        registry.updateThing({ thingName: thing.thingName, thingTypeName: type });
        break;
      case 'FAIL':
        throw conflict('ThingTypeName');
    }
  }
  applyThingGroups(ctx, thing, () => conflict('ThingGroups'));
}

function applyThingGroups(ctx: CloudContext, thing: ThingPlan, conflict: () => Error): void {
  const groups = thing.thingGroups;
  if (groups === undefined) return;
  const { registry } = ctx;
  // A thing is in at most 10 static groups, so one page holds them all.
  const current = registry
    .listThingGroupsForThing(thing.thingName, { maxResults: 250 })
    .items.map((g) => g.thingGroupName);
  switch (thing.overrideSettings.thingGroups ?? 'DO_NOTHING') {
    case 'DO_NOTHING':
      return;
    case 'MERGE':
      for (const group of groups) addToGroup(ctx, group, thing.thingName);
      return;
    case 'REPLACE':
      for (const group of current) {
        if (!groups.includes(group)) registry.removeThingFromThingGroup(group, thing.thingName);
      }
      for (const group of groups) addToGroup(ctx, group, thing.thingName);
      return;
    case 'FAIL':
      if ([...current].sort().join('\n') !== [...groups].sort().join('\n')) throw conflict();
      return;
  }
}

function addToGroup(ctx: CloudContext, group: string, thingName: string): void {
  // Provisioning templates: the thing groups must already exist.
  if (ctx.registry.getThingGroup(group) === undefined) {
    throw provisioningFailure(404, 'ResourceNotFound', `Thing group "${group}" does not exist`);
  }
  ctx.registry.addThingToThingGroup(group, thingName);
}

function sorted(record: Record<string, string>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
