/**
 * AWS IoT Core quotas the registry enforces (AWS General Reference, "AWS IoT Core endpoints and
 * quotas", and the CreatePolicyVersion API reference).
 */
export const REGISTRY_LIMITS = {
  /** CreatePolicyVersion: "A managed policy can have up to five versions." */
  policyVersions: 5,
  /** "Maximum number of policies that can be attached to a certificate or Amazon Cognito identity": 10. */
  policiesPerTarget: 10,
  /** Thing groups: "You can add a thing to a maximum of 10 groups." */
  thingGroupsPerThing: 10,
  /** CreateThingGroup: "The maximum depth of a group hierarchy is limited" — 7 levels (quotas page). */
  thingGroupDepth: 7,
  /** Delete a thing type: "Before you can delete a thing type, wait for five minutes after you deprecate it." */
  thingTypeDeleteDelayMs: 5 * 60_000,
  /** CreateThingType `searchableAttributes`: at most 3 (ThingTypeProperties). */
  searchableAttributes: 3,
} as const;
