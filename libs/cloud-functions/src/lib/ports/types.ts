/**
 * Certificate statuses of the AWS IoT registry (API `CertificateDescription.status`).
 */
export const CERTIFICATE_STATUSES = [
  'ACTIVE',
  'INACTIVE',
  'REVOKED',
  'PENDING_TRANSFER',
  'REGISTER_INACTIVE',
  'PENDING_ACTIVATION',
] as const;

/** One of {@link CERTIFICATE_STATUSES}. */
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** What the handlers read of a registered certificate (subset of DescribeCertificate's answer). */
export interface CertificateInfo {
  readonly certificateId: string;
  readonly certificateArn: string;
  readonly status: CertificateStatus;
  readonly certificatePem: string;
  /** When the certificate was registered in AWS IoT. */
  readonly creationDate: Date;
  /** Present for certificates registered with a CA (JITR). */
  readonly caCertificateId?: string;
  /** The certificate's own validity period, when the registry reports it. */
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

/** What the handlers read of a thing (subset of DescribeThing's answer). */
export interface ThingInfo {
  readonly thingName: string;
  readonly thingArn: string;
}

/**
 * The control-plane calls the cloud functions need, and nothing more. Implemented against AWS by
 * `fromIotClient`; the local cloud passes the same client pointed at its control plane.
 *
 * Principals and targets are certificate ARNs, as in the AWS API. "Not found" is an answer
 * (`undefined`), not an error; every other failure rejects.
 */
export interface IotControlPort {
  /** DescribeCertificate; `undefined` when no such certificate exists. */
  describeCertificate(certificateId: string): Promise<CertificateInfo | undefined>;
  /** UpdateCertificate. */
  updateCertificate(certificateId: string, newStatus: CertificateStatus): Promise<void>;
  /** ListThingPrincipals, all pages; `undefined` when the thing does not exist. */
  listThingPrincipals(thingName: string): Promise<readonly string[] | undefined>;
  /** ListPrincipalThings, all pages; empty when the principal is attached to no thing. */
  listPrincipalThings(principal: string): Promise<readonly string[]>;
  /** DetachThingPrincipal. */
  detachThingPrincipal(thingName: string, principal: string): Promise<void>;
  /** AttachThingPrincipal. */
  attachThingPrincipal(thingName: string, principal: string): Promise<void>;
  /** ListAttachedPolicies, all pages: the names of the policies attached to `target`. */
  listAttachedPolicies(target: string): Promise<readonly string[]>;
  /** AttachPolicy. */
  attachPolicy(policyName: string, target: string): Promise<void>;
  /** DetachPolicy. */
  detachPolicy(policyName: string, target: string): Promise<void>;
  /** DescribeThing; `undefined` when the thing does not exist. */
  describeThing(thingName: string): Promise<ThingInfo | undefined>;
  /** CreateThing without attributes (AWS answers success when it already exists that way). */
  createThing(thingName: string): Promise<ThingInfo>;
  /**
   * UpdateThing with `attributePayload: { attributes, merge: true }`: sets these attributes and
   * keeps the thing's others (an empty value removes that attribute, as AWS does).
   */
  updateThingAttributes(
    thingName: string,
    attributes: Readonly<Record<string, string>>,
  ): Promise<void>;
}

/** The time source of the handlers; tests pass a fixed clock. */
export interface CloudFunctionClock {
  now(): Date;
}

/**
 * Structured logging: `event` is a short stable name (`rotation.commit.rejected`), `fields` the
 * facts. In Lambda, `console.log(JSON.stringify(...))` lands in CloudWatch Logs.
 */
export type CloudFunctionLog = (event: string, fields: Readonly<Record<string, unknown>>) => void;
