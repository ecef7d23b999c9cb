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
  origin: 'api' | 'fleet-provisioning' | 'provisioning-claim' | 'jitr' | 'registered';
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
  listCaCertificates(query?: PageRequest): Page<CaCertificateRecord>;
  updateCaCertificate(
    caCertificateId: string,
    patch: Partial<
      Pick<CaCertificateRecord, 'status' | 'autoRegistrationStatus' | 'registrationConfig'>
    >,
  ): CaCertificateRecord;
  deleteCaCertificate(caCertificateId: string): void;

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
}
