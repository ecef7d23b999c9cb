/**
 * Names `ensureFleetSetup` uses when none are given: the design's template, production policy
 * (design 4.2) and claim policy (design 4.3). Things are named `thingNamePrefix + serial`, serials
 * travel in the RegisterThing parameter `serialParameter` (the default of
 * `buildFleetProvisioningTemplate`).
 */
export const FLEET_SETUP_DEFAULTS = {
  templateName: 'amr-fleet',
  productionPolicyName: 'amr-device',
  claimPolicyName: 'amr-claim',
  thingNamePrefix: 'AMR-',
  serialParameter: 'SerialNumber',
  templateDescription: 'AMR fleet provisioning by claim (design 2.4, 4.3)',
} as const;

/** The only pre-provisioning hook payload version AWS IoT defines (CreateProvisioningTemplate). */
export const PRE_PROVISIONING_HOOK_PAYLOAD_VERSION = '2020-04-01';

/**
 * AWS IoT keeps at most five versions of a policy (CreatePolicyVersion) and of a provisioning
 * template (AWS IoT Core quotas, "Fleet provisioning"); a sixth answers
 * VersionsLimitExceededException.
 */
export const MAX_VERSIONS = 5;

/**
 * How many resources `ensureFleetSetup` manages and reports, in order: the production policy, the
 * claim policy and the provisioning template (a progress total for `onResource`).
 */
export const FLEET_RESOURCE_COUNT = 3;
