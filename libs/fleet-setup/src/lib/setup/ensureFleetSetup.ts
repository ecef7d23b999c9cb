import { buildClaimPolicy, buildDevicePolicy, type PolicyDocument } from '@iot-gateway-net/policy';
import { buildFleetProvisioningTemplate } from '@iot-gateway-net/provisioning-templates';
import { FleetSetupError } from '../errors/FleetSetupError.js';
import { parseOptions } from '../errors/parseOptions.js';
import { ensurePolicy } from './ensurePolicy.js';
import { ensureProvisioningTemplate } from './ensureProvisioningTemplate.js';
import {
  EnsureFleetSetupOptionsSchema,
  type EnsureFleetSetupOptions,
  type FleetResourceChange,
  type FleetSetupReport,
} from './schemas.js';

/**
 * Sets up the cloud side of the fleet (design 6, integrator item 2) idempotently through
 * `@aws-sdk/client-iot`, so it runs unchanged against AWS IoT and the local cloud:
 *
 * 1. the production policy (design 4.2, `buildDevicePolicy`),
 * 2. the claim policy (design 4.3, `buildClaimPolicy` scoped to the template),
 * 3. the fleet-provisioning template (`buildFleetProvisioningTemplate`: thing named
 *    `thingNamePrefix + serial`, production policy, certificate ACTIVE), enabled, with the
 *    provisioning role and, when given, the pre-provisioning hook (payload version `2020-04-01`).
 *
 * Each resource is created when missing and updated only where it differs (documents and template
 * bodies compared as parsed JSON): a second run with the same options reports `unchanged`
 * everywhere and makes no write.
 *
 * Defaults: template `amr-fleet`, production policy `amr-device`, claim policy `amr-claim`, thing
 * name prefix `AMR-`, serial parameter `SerialNumber`, enabled, description
 * `FLEET_SETUP_DEFAULTS.templateDescription`, no hook. `onResource`, when given, hears each of the
 * `FLEET_RESOURCE_COUNT` report lines as soon as that resource is done.
 *
 * @returns one report line per resource, in the order above.
 * @throws {FleetSetupError} `INVALID_OPTIONS` naming the bad option; `AWS_ERROR` with the failing
 *   operation, AWS error name and message (resources handled before it stay as they were made);
 *   `CONFLICT` when a non-fleet-provisioning template holds the name.
 */
export async function ensureFleetSetup(
  options: EnsureFleetSetupOptions,
): Promise<FleetSetupReport> {
  const o = parseOptions(EnsureFleetSetupOptionsSchema, options, 'ensureFleetSetup');
  const target = {
    region: o.region,
    accountId: o.accountId,
    ...(o.partition === undefined ? {} : { partition: o.partition }),
  };
  const { devicePolicy, claimPolicy, templateBody } = buildDocuments(() => ({
    devicePolicy: buildDevicePolicy(target),
    claimPolicy: buildClaimPolicy({ ...target, templateName: o.templateName }),
    templateBody: buildFleetProvisioningTemplate({
      productionPolicyName: o.productionPolicyName,
      serialParameter: o.serialParameter,
      thingNamePrefix: o.thingNamePrefix,
    }),
  }));
  const decided = (change: FleetResourceChange): FleetResourceChange => {
    o.onResource?.(change);
    return change;
  };
  const resources = [
    decided(await ensurePolicy(o.iot, o.productionPolicyName, devicePolicy)),
    decided(await ensurePolicy(o.iot, o.claimPolicyName, claimPolicy)),
    decided(
      await ensureProvisioningTemplate(o.iot, {
        templateName: o.templateName,
        templateBody,
        provisioningRoleArn: o.provisioningRoleArn,
        description: o.description,
        enabled: o.enabled,
        preProvisioningHookArn: o.preProvisioningHookArn,
        keepExistingPreProvisioningHook: o.keepExistingPreProvisioningHook,
      }),
    ),
  ];
  return { resources };
}

/** The builders validate their own options (prefix, serial parameter): report those as ours. */
function buildDocuments(
  build: () => { devicePolicy: PolicyDocument; claimPolicy: PolicyDocument; templateBody: string },
) {
  try {
    return build();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new FleetSetupError(
      'INVALID_OPTIONS',
      `Invalid options for ensureFleetSetup: ${message}`,
      {
        cause: error,
      },
    );
  }
}
