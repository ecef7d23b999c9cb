/**
 * AWS IoT Core quotas the registry enforces (AWS General Reference, "AWS IoT Core endpoints and
 * quotas", and the CreatePolicyVersion API reference).
 */
export const REGISTRY_LIMITS = {
  /** CreatePolicyVersion: "A managed policy can have up to five versions." */
  policyVersions: 5,
  /** "Maximum number of policies that can be attached to a certificate or Amazon Cognito identity": 10. */
  policiesPerTarget: 10,
} as const;
