/**
 * Pseudo-parameters AWS IoT fills in from the certificate being provisioned. Fleet provisioning
 * templates reference `AWS::IoT::Certificate::Id`; JITP templates may declare and reference all of
 * them (AWS IoT Developer Guide, "Just-in-time provisioning"). `AWS::Region` and
 * `AWS::AccountId` are not documented for provisioning templates and are refused.
 */
export const PSEUDO_PARAMETERS = [
  'AWS::IoT::Certificate::Id',
  'AWS::IoT::Certificate::CommonName',
  'AWS::IoT::Certificate::Country',
  'AWS::IoT::Certificate::Organization',
  'AWS::IoT::Certificate::OrganizationalUnit',
  'AWS::IoT::Certificate::DistinguishedNameQualifier',
  'AWS::IoT::Certificate::StateName',
  'AWS::IoT::Certificate::SerialNumber',
] as const;

/** One of {@link PSEUDO_PARAMETERS}. */
export type PseudoParameter = (typeof PSEUDO_PARAMETERS)[number];

/** Intrinsic functions AWS IoT provisioning templates support ("Provisioning templates"). */
export const INTRINSIC_FUNCTIONS = [
  'Ref',
  'Fn::Join',
  'Fn::Select',
  'Fn::FindInMap',
  'Fn::Split',
  'Fn::Sub',
] as const;

/** Top-level sections of a provisioning template ("Provisioning templates", "Fleet provisioning"). */
export const TEMPLATE_SECTIONS = [
  'Parameters',
  'Mappings',
  'Resources',
  'DeviceConfiguration',
] as const;

/** Resource types of a provisioning template. */
export const RESOURCE_TYPES = [
  'AWS::IoT::Thing',
  'AWS::IoT::Certificate',
  'AWS::IoT::Policy',
] as const;

/** `OverrideSettings` actions; `MERGE` only for a thing's `AttributePayload` and `ThingGroups`. */
export const OVERRIDE_ACTIONS = ['DO_NOTHING', 'REPLACE', 'FAIL', 'MERGE'] as const;

/** Certificate `Status` values a template may set (defaults to `ACTIVE`). */
export const CERTIFICATE_STATUSES = ['ACTIVE', 'INACTIVE'] as const;

/** {@link PSEUDO_PARAMETERS} as a set, for lookups. */
export const PSEUDO_PARAMETER_SET: ReadonlySet<string> = new Set(PSEUDO_PARAMETERS);
