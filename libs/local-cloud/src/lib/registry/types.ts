import type { StoredShadow } from '@iot-gateway-net/shadow';

// Registry records. Field names follow the AWS IoT API shapes (DescribeThing, DescribeCertificate,
// GetPolicy, DescribeCACertificate) so control-plane handlers map them with little code.
// Times are epoch milliseconds.

/** AWS IoT certificate statuses (API reference, CertificateDescription.status). */
export type CertificateStatus =
  | 'ACTIVE'
  | 'INACTIVE'
  | 'REVOKED'
  | 'PENDING_TRANSFER'
  | 'REGISTER_INACTIVE'
  | 'PENDING_ACTIVATION';

/** A registered device (client) certificate. */
export interface CertificateRecord {
  /** Lowercase hex SHA-256 of the DER (64 chars). */
  certificateId: string;
  certificateArn: string;
  certificatePem: string;
  status: CertificateStatus;
  /** Id of the registered CA that signed it; absent for certificates registered without CA. */
  caCertificateId?: string;
  /** Epoch ms. */
  creationDate: number;
  lastModifiedDate: number;
  /** Certificate validity (from the X.509 notBefore / notAfter), epoch ms. */
  notBefore: number;
  notAfter: number;
  /** 'DEFAULT' (registered with a CA or by AWS) or 'SNI_ONLY' (RegisterCertificateWithoutCA). */
  certificateMode: 'DEFAULT' | 'SNI_ONLY';
  /**
   * How it got here; `provisioning-claim` certificates (CreateProvisioningClaim) are hidden from
   * ListCertificates and expire at `expiresAt`.
   */
  origin: 'api' | 'fleet-provisioning' | 'provisioning-claim' | 'jitr' | 'jitp' | 'registered';
  /** For provisioning-claim certificates: epoch ms after which it may no longer connect. */
  expiresAt?: number;
  /** Bumped on every change (DescribeCertificate customerVersion). */
  customerVersion: number;
}

/** A registered CA certificate (RegisterCACertificate). */
export interface CaCertificateRecord {
  caCertificateId: string;
  caCertificateArn: string;
  caCertificatePem: string;
  status: 'ACTIVE' | 'INACTIVE';
  autoRegistrationStatus: 'ENABLE' | 'DISABLE';
  /** JITP: `{ templateBody?, templateName?, roleArn? }` as RegisterCACertificate takes it. */
  registrationConfig?: { templateBody?: string; templateName?: string; roleArn?: string };
  certificateMode: 'DEFAULT' | 'SNI_ONLY';
  creationDate: number;
  lastModifiedDate: number;
  customerVersion: number;
}

/** A thing (CreateThing / DescribeThing). */
export interface ThingRecord {
  thingName: string;
  thingId: string;
  thingArn: string;
  thingTypeName?: string;
  attributes: Record<string, string>;
  /** Starts at 1, bumped by UpdateThing (expectedVersion checks against it). */
  version: number;
  creationDate: number;
}

/** A thing type (CreateThingType / DescribeThingType). */
export interface ThingTypeRecord {
  thingTypeName: string;
  thingTypeId: string;
  thingTypeArn: string;
  thingTypeDescription?: string;
  searchableAttributes: string[];
  /** A deprecated type takes no new things and may be deleted 5 minutes after `deprecationDate`. */
  deprecated: boolean;
  deprecationDate?: number;
  creationDate: number;
}

/** A group on the way from a root thing group down to a group's parent. */
export interface GroupNameAndArn {
  groupName: string;
  groupArn: string;
}

/** A static thing group (CreateThingGroup / DescribeThingGroup). */
export interface ThingGroupRecord {
  thingGroupName: string;
  thingGroupId: string;
  thingGroupArn: string;
  parentGroupName?: string;
  /** From the root group down to the parent; empty for a root group. */
  rootToParentThingGroups: GroupNameAndArn[];
  thingGroupDescription?: string;
  attributes: Record<string, string>;
  /** Starts at 1, bumped by UpdateThingGroup (expectedVersion checks against it). */
  version: number;
  creationDate: number;
}

/** One version of a policy document. */
export interface PolicyVersionRecord {
  versionId: string;
  /** The JSON text exactly as given. */
  document: string;
  isDefaultVersion: boolean;
  createDate: number;
}

/** A policy with its versions (AWS keeps at most 5). */
export interface PolicyRecord {
  policyName: string;
  policyArn: string;
  defaultVersionId: string;
  versions: PolicyVersionRecord[];
  creationDate: number;
  lastModifiedDate: number;
  generationId: string;
}

/** A retained message (GetRetainedMessage / ListRetainedMessages). */
export interface RetainedMessageRecord {
  topic: string;
  payload: Uint8Array;
  qos: 0 | 1;
  lastModifiedTime: number;
}

/**
 * A certificate ownership token of fleet provisioning (CreateKeysAndCertificate /
 * CreateCertificateFromCsr over MQTT): bound to its certificate, single use, valid 1 hour. Only its
 * SHA-256 is stored, so the registry file never holds a usable token.
 */
export interface OwnershipTokenRecord {
  /** Lowercase hex SHA-256 of the token text. */
  tokenHash: string;
  certificateId: string;
  /** Epoch ms. */
  createdAt: number;
  expiresAt: number;
  /** Epoch ms when RegisterThing consumed it; absent while unused. */
  usedAt?: number;
}

/** Pre-provisioning hook of a template (CreateProvisioningTemplate `preProvisioningHook`). */
export interface PreProvisioningHookRecord {
  targetArn: string;
  /** Defaults to `2020-04-01`, the only version AWS documents. */
  payloadVersion: string;
}

/** One version of a provisioning template body. */
export interface ProvisioningTemplateVersionRecord {
  versionId: number;
  /** The JSON text exactly as given. */
  body: string;
  isDefaultVersion: boolean;
  creationDate: number;
}

/** A trusted-user claim certificate past its 5 minutes (see `listExpiredProvisioningClaims`). */
export interface ExpiredProvisioningClaim {
  certificateId: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** A fleet-provisioning template (DescribeProvisioningTemplate) with its versions. */
export interface ProvisioningTemplateRecord {
  templateName: string;
  templateArn: string;
  description?: string;
  enabled: boolean;
  provisioningRoleArn: string;
  preProvisioningHook?: PreProvisioningHookRecord;
  type: 'FLEET_PROVISIONING' | 'JITP';
  defaultVersionId: number;
  /** The default version's body. */
  templateBody: string;
  versions: ProvisioningTemplateVersionRecord[];
  creationDate: number;
  lastModifiedDate: number;
}

/**
 * A principal as AWS IoT names it: a certificate ARN (`arn:aws:iot:<region>:<account>:cert/<id>`)
 * or a Cognito identity id (`<region>:<uuid>`).
 */
export type Principal = string;

/** A page of results with AWS-style opaque continuation. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export interface PageRequest {
  /** Defaults to 25 (AWS's usual default page size), at most 250. */
  maxResults?: number;
  nextToken?: string;
}

/**
 * What changed, emitted after the transaction commits. The broker listens to close connections of
 * certificates that are no longer ACTIVE (within one second) and to drop cached authorizers.
 */
export type RegistryChange =
  | { type: 'certificate'; certificateId: string; status: CertificateStatus | 'DELETED' }
  | { type: 'caCertificate'; caCertificateId: string }
  | { type: 'policy'; policyName: string }
  | { type: 'policyAttachment'; policyName: string; target: Principal }
  | { type: 'thingPrincipal'; thingName: string; principal: Principal }
  | { type: 'thing'; thingName: string };

/**
 * The local cloud's persistent registry. Synchronous (better-sqlite3): every method runs in its
 * own transaction unless called inside `transaction()`; changes are durable when it returns.
 * Methods throw `LocalCloudError` with `NOT_FOUND`, `ALREADY_EXISTS`, `CONFLICT`,
 * `VERSION_CONFLICT`, `INVALID_REQUEST` or `LIMIT_EXCEEDED`; the message names the resource.
 */
export interface Registry {
  readonly region: string;
  readonly accountId: string;

  /** Runs `fn` in one SQLite transaction: all of its writes land, or none do. Nestable. */
  transaction<T>(fn: () => T): T;
  /** Subscribes to changes (delivered after commit). Returns the unsubscribe function. */
  onChange(listener: (change: RegistryChange) => void): () => void;
  close(): void;

  // Things
  createThing(input: {
    thingName: string;
    thingTypeName?: string;
    attributes?: Record<string, string>;
  }): ThingRecord;
  getThing(thingName: string): ThingRecord | undefined;
  listThings(
    query?: PageRequest & {
      attributeName?: string;
      attributeValue?: string;
      thingTypeName?: string;
    },
  ): Page<ThingRecord>;
  updateThing(input: {
    thingName: string;
    thingTypeName?: string;
    removeThingType?: boolean;
    attributes?: Record<string, string>;
    /** AWS AttributePayload.merge: merge into existing attributes (empty value removes a key). */
    merge?: boolean;
    expectedVersion?: number;
  }): ThingRecord;
  /** AWS DeleteThing semantics (attached principals, expectedVersion); idempotent for a missing thing. */
  deleteThing(thingName: string, expectedVersion?: number): void;

  // Certificates
  insertCertificate(
    record: Omit<CertificateRecord, 'customerVersion' | 'lastModifiedDate'>,
  ): CertificateRecord;
  getCertificate(certificateId: string): CertificateRecord | undefined;
  /** Excludes `provisioning-claim` certificates, as ListCertificates does. Newest first unless ascending. */
  listCertificates(
    query?: PageRequest & { ascendingOrder?: boolean; caCertificateId?: string },
  ): Page<CertificateRecord>;
  updateCertificateStatus(certificateId: string, status: CertificateStatus): CertificateRecord;
  /** AWS DeleteCertificate: refused (CONFLICT) while ACTIVE or while attached to things or policies unless `force`. */
  deleteCertificate(certificateId: string, options?: { force?: boolean }): void;

  // CA certificates
  insertCaCertificate(
    record: Omit<CaCertificateRecord, 'customerVersion' | 'lastModifiedDate'>,
  ): CaCertificateRecord;
  getCaCertificate(caCertificateId: string): CaCertificateRecord | undefined;
  /**
   * Oldest first (by creation date, then id) unless `ascendingOrder` is `false`; `templateName`
   * keeps the CAs whose `registrationConfig.templateName` is that name (ListCACertificates).
   */
  listCaCertificates(
    query?: PageRequest & { ascendingOrder?: boolean; templateName?: string },
  ): Page<CaCertificateRecord>;
  /** A `registrationConfig` of `null` removes it (UpdateCACertificate `removeAutoRegistration`). */
  updateCaCertificate(
    caCertificateId: string,
    patch: Partial<Pick<CaCertificateRecord, 'status' | 'autoRegistrationStatus'>> & {
      registrationConfig?: CaCertificateRecord['registrationConfig'] | null;
    },
  ): CaCertificateRecord;
  /** CONFLICT while the CA is ACTIVE (DeleteCACertificate answers CertificateStateException). */
  deleteCaCertificate(caCertificateId: string): void;

  // CA registration code (one per account and region)
  /**
   * The account's registration code, created (64 hex digits) if there is none yet, as
   * GetRegistrationCode does; the same code until {@link Registry.deleteRegistrationCode}.
   */
  ensureRegistrationCode(): string;
  /** The account's registration code, or `undefined` when none was created (or it was deleted). */
  getRegistrationCode(): string | undefined;
  /** Removes the registration code (DeleteRegistrationCode); idempotent. */
  deleteRegistrationCode(): void;

  // Policies (document is the JSON text; callers validate it with @iot-gateway-net/policy first)
  createPolicy(policyName: string, document: string): PolicyRecord;
  getPolicy(policyName: string): PolicyRecord | undefined;
  listPolicies(query?: PageRequest): Page<PolicyRecord>;
  /** AWS: refused (CONFLICT) while attached to any target or while it has non-default versions. */
  deletePolicy(policyName: string): void;
  createPolicyVersion(
    policyName: string,
    document: string,
    setAsDefault: boolean,
  ): PolicyVersionRecord;
  setDefaultPolicyVersion(policyName: string, versionId: string): void;
  deletePolicyVersion(policyName: string, versionId: string): void;

  // Policy attachments (target: certificate ARN or Cognito identity id)
  attachPolicy(policyName: string, target: Principal): void;
  detachPolicy(policyName: string, target: Principal): void;
  listAttachedPolicies(target: Principal, query?: PageRequest): Page<PolicyRecord>;
  listTargetsForPolicy(policyName: string, query?: PageRequest): Page<Principal>;

  // Thing ↔ principal
  attachThingPrincipal(thingName: string, principal: Principal): void;
  detachThingPrincipal(thingName: string, principal: Principal): void;
  listThingPrincipals(thingName: string, query?: PageRequest): Page<Principal>;
  listPrincipalThings(principal: Principal, query?: PageRequest): Page<string>;

  // Retained messages (topic → last retained publish)
  putRetained(record: RetainedMessageRecord): void;
  deleteRetained(topic: string): void;
  getRetained(topic: string): RetainedMessageRecord | undefined;
  listRetained(
    query?: PageRequest,
  ): Page<Omit<RetainedMessageRecord, 'payload'> & { payloadSize: number }>;

  // Shadows ('' is the classic shadow)
  getShadow(thingName: string, shadowName: string): StoredShadow | undefined;
  putShadow(thingName: string, shadowName: string, shadow: StoredShadow): void;
  listNamedShadows(thingName: string, query?: PageRequest): Page<string>;

  // Certificate ownership tokens (fleet provisioning)
  insertOwnershipToken(record: Omit<OwnershipTokenRecord, 'usedAt'>): OwnershipTokenRecord;
  getOwnershipToken(tokenHash: string): OwnershipTokenRecord | undefined;
  /** Marks the token used; CONFLICT when it already was (single use). */
  markOwnershipTokenUsed(tokenHash: string, usedAt: number): void;
  /** Tokens whose `expiresAt` is at or before `now`, oldest first, at most `limit` (default 100). */
  listExpiredOwnershipTokens(now: number, limit?: number): OwnershipTokenRecord[];
  deleteOwnershipToken(tokenHash: string): void;

  // Provisioning templates (the body is JSON text; callers validate it first)
  createProvisioningTemplate(input: {
    templateName: string;
    templateBody: string;
    provisioningRoleArn: string;
    description?: string;
    enabled?: boolean;
    preProvisioningHook?: PreProvisioningHookRecord;
    type?: ProvisioningTemplateRecord['type'];
  }): ProvisioningTemplateRecord;
  getProvisioningTemplate(templateName: string): ProvisioningTemplateRecord | undefined;
  /** By name, ascending. */
  listProvisioningTemplates(query?: PageRequest): Page<ProvisioningTemplateRecord>;
  updateProvisioningTemplate(
    templateName: string,
    patch: {
      description?: string;
      enabled?: boolean;
      defaultVersionId?: number;
      provisioningRoleArn?: string;
      preProvisioningHook?: PreProvisioningHookRecord;
      removePreProvisioningHook?: boolean;
    },
  ): ProvisioningTemplateRecord;
  /** NOT_FOUND for a missing template, as DeleteProvisioningTemplate answers. */
  deleteProvisioningTemplate(templateName: string): void;
  /**
   * Adds a version (CreateProvisioningTemplateVersion). Ids follow the template's highest id ever
   * given and are never reused; `setAsDefault` (default `false`) makes it the default version.
   * NOT_FOUND for a missing template, LIMIT_EXCEEDED when it already has 5 versions.
   */
  createProvisioningTemplateVersion(
    templateName: string,
    input: { templateBody: string; setAsDefault?: boolean },
  ): ProvisioningTemplateVersionRecord;
  /** `undefined` when the template or the version does not exist. */
  getProvisioningTemplateVersion(
    templateName: string,
    versionId: number,
  ): ProvisioningTemplateVersionRecord | undefined;
  /** By version id, ascending; NOT_FOUND for a missing template. */
  listProvisioningTemplateVersions(
    templateName: string,
    query?: PageRequest,
  ): Page<ProvisioningTemplateVersionRecord>;
  /** NOT_FOUND for a missing template or version; CONFLICT for the default version. */
  deleteProvisioningTemplateVersion(templateName: string, versionId: number): void;
  /**
   * Trusted-user claim certificates (CreateProvisioningClaim) whose `expiresAt` is at or before
   * `now`, by expiry then id, after `after`, at most `limit` (default 100).
   */
  listExpiredProvisioningClaims(
    now: number,
    options?: { after?: ExpiredProvisioningClaim; limit?: number },
  ): ExpiredProvisioningClaim[];

  // Thing types (CreateThing / UpdateThing refuse a missing or deprecated type)
  /** ALREADY_EXISTS when the name is taken with a different configuration. */
  createThingType(input: {
    thingTypeName: string;
    thingTypeDescription?: string;
    searchableAttributes?: string[];
  }): ThingTypeRecord;
  getThingType(thingTypeName: string): ThingTypeRecord | undefined;
  /** By name, ascending; `thingTypeName` narrows to that one type. */
  listThingTypes(query?: PageRequest & { thingTypeName?: string }): Page<ThingTypeRecord>;
  /** DeprecateThingType (or undoes it with `undoDeprecate`); NOT_FOUND for a missing type. */
  deprecateThingType(thingTypeName: string, undoDeprecate?: boolean): ThingTypeRecord;
  /** INVALID_REQUEST unless deprecated for 5 minutes and used by no thing; NOT_FOUND when missing. */
  deleteThingType(thingTypeName: string): void;

  // Static thing groups and their members (a thing belongs to at most 10 groups)
  /** INVALID_REQUEST for a missing parent or a hierarchy deeper than 7 levels. */
  createThingGroup(input: {
    thingGroupName: string;
    parentGroupName?: string;
    thingGroupDescription?: string;
    attributes?: Record<string, string>;
  }): ThingGroupRecord;
  getThingGroup(thingGroupName: string): ThingGroupRecord | undefined;
  /** By name, ascending; `parentGroup` lists its children (all descendants with `recursive`). */
  listThingGroups(
    query?: PageRequest & { parentGroup?: string; namePrefixFilter?: string; recursive?: boolean },
  ): Page<ThingGroupRecord>;
  updateThingGroup(input: {
    thingGroupName: string;
    thingGroupDescription?: string;
    attributes?: Record<string, string>;
    /** AWS AttributePayload.merge: merge into existing attributes (empty value removes a key). */
    merge?: boolean;
    expectedVersion?: number;
  }): ThingGroupRecord;
  /** Removes its memberships; INVALID_REQUEST while it has child groups; idempotent when missing. */
  deleteThingGroup(thingGroupName: string, expectedVersion?: number): void;
  /**
   * Idempotent; NOT_FOUND for a missing thing or group, INVALID_REQUEST past 10 groups or for a
   * second group of the same hierarchy (same root group).
   */
  addThingToThingGroup(thingGroupName: string, thingName: string): void;
  /** Idempotent for a thing that is not a member; NOT_FOUND for a missing thing or group. */
  removeThingFromThingGroup(thingGroupName: string, thingName: string): void;
  /** By group name; NOT_FOUND for a missing thing. */
  listThingGroupsForThing(thingName: string, query?: PageRequest): Page<ThingGroupRecord>;
  /** Thing names, ascending; with `recursive` also the things of all descendant groups. */
  listThingsInThingGroup(
    thingGroupName: string,
    query?: PageRequest & { recursive?: boolean },
  ): Page<string>;
}
