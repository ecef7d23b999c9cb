import { createHash } from 'node:crypto';
import type {
  CertificateInfo,
  CertificateStatus,
  CloudFunctionClock,
  IotControlPort,
  ThingInfo,
} from '../lib/ports/types.js';

/** An error shaped like the SDK's modeled exceptions (`name` is the AWS error code). */
class AwsLikeError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** Options of {@link createInMemoryIot}. */
export interface InMemoryIotOptions {
  readonly clock: CloudFunctionClock;
  /** Defaults to `'ap-northeast-1'`. */
  readonly region?: string;
  /** Defaults to `'123456789012'`. */
  readonly accountId?: string;
}

/** What a test may register directly, as an operator or the provisioning flow would have. */
export interface RegisterCertificateInput {
  /** Defaults to the SHA-256 of `certificatePem`. */
  readonly certificateId?: string;
  /** Defaults to a placeholder PEM unique to `seed`. */
  readonly certificatePem?: string;
  readonly status: CertificateStatus;
  /** Defaults to the clock's now. */
  readonly creationDate?: Date;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly caCertificateId?: string;
  /** Makes the placeholder PEM (and so the id) unique. Defaults to a counter. */
  readonly seed?: string;
}

/** A mutating call recorded by the fake, for "nothing changed" assertions. */
export interface InMemoryIotCall {
  readonly operation: string;
  readonly args: readonly string[];
}

/** The fake registry: the port plus test-side setup and inspection. */
export interface InMemoryIot {
  readonly port: IotControlPort;
  readonly calls: readonly InMemoryIotCall[];
  registerCertificate(input: RegisterCertificateInput): CertificateInfo;
  createPolicy(policyName: string): void;
  certificateArn(certificateId: string): string;
  /** The attributes of a thing (`{}` for none), as UpdateThing left them. */
  thingAttributes(thingName: string): Readonly<Record<string, string>>;
  /** A deep copy of the registry state (certificates, things, attachments), for comparisons. */
  snapshot(): unknown;
  /** Makes the next call of `operation` fail once with `error`. */
  failNext(operation: string, error: Error): void;
}

/**
 * A small, honest model of the AWS IoT registry calls that {@link IotControlPort} exposes, for unit
 * specs. It follows the API's rules the handlers depend on: unknown certificates, things and
 * policies answer ResourceNotFoundException (mapped to `undefined` where the port allows it);
 * a REVOKED certificate cannot be set back to ACTIVE (CertificateStateException); CreateThing of an
 * existing thing answers it again; attach and detach calls are idempotent.
 */
export function createInMemoryIot(options: InMemoryIotOptions): InMemoryIot {
  const region = options.region ?? 'ap-northeast-1';
  const accountId = options.accountId ?? '123456789012';
  const certificates = new Map<string, CertificateInfo>();
  const things = new Map<string, ThingInfo>();
  const thingPrincipals = new Map<string, Set<string>>();
  const thingAttributes = new Map<string, Record<string, string>>();
  const policies = new Set<string>();
  const policyTargets = new Map<string, Set<string>>();
  const calls: InMemoryIotCall[] = [];
  const failures = new Map<string, Error>();
  let counter = 0;

  const arnOf = (certificateId: string) =>
    `arn:aws:iot:${region}:${accountId}:cert/${certificateId}`;
  const notFound = (what: string) =>
    new AwsLikeError('ResourceNotFoundException', `${what} not found`);
  const record = (operation: string, ...args: string[]) => {
    const failure = failures.get(operation);
    if (failure !== undefined) {
      failures.delete(operation);
      throw failure;
    }
    calls.push({ operation, args });
  };
  const certificateByArn = (arn: string) => {
    for (const certificate of certificates.values()) {
      if (certificate.certificateArn === arn) {
        return certificate;
      }
    }
    throw notFound(`Principal ${arn}`);
  };
  const listOrEmpty = <K, V>(map: Map<K, Set<V>>, key: K): Set<V> => {
    let set = map.get(key);
    if (set === undefined) {
      set = new Set();
      map.set(key, set);
    }
    return set;
  };

  const port: IotControlPort = {
    describeCertificate: (certificateId) => {
      record('DescribeCertificate', certificateId);
      return Promise.resolve(certificates.get(certificateId));
    },
    updateCertificate: (certificateId, newStatus) => {
      record('UpdateCertificate', certificateId, newStatus);
      const certificate = certificates.get(certificateId);
      if (certificate === undefined) {
        return Promise.reject(notFound(`Certificate ${certificateId}`));
      }
      if (certificate.status === 'REVOKED' && newStatus !== 'REVOKED') {
        return Promise.reject(
          new AwsLikeError('CertificateStateException', 'A revoked certificate stays revoked'),
        );
      }
      certificates.set(certificateId, { ...certificate, status: newStatus });
      return Promise.resolve();
    },
    listThingPrincipals: (thingName) => {
      record('ListThingPrincipals', thingName);
      if (!things.has(thingName)) {
        return Promise.resolve(undefined);
      }
      return Promise.resolve([...listOrEmpty(thingPrincipals, thingName)]);
    },
    listPrincipalThings: (principal) => {
      record('ListPrincipalThings', principal);
      certificateByArn(principal);
      return Promise.resolve(
        [...thingPrincipals].filter(([, set]) => set.has(principal)).map(([name]) => name),
      );
    },
    detachThingPrincipal: (thingName, principal) => {
      record('DetachThingPrincipal', thingName, principal);
      if (!things.has(thingName)) {
        return Promise.reject(notFound(`Thing ${thingName}`));
      }
      listOrEmpty(thingPrincipals, thingName).delete(principal);
      return Promise.resolve();
    },
    attachThingPrincipal: (thingName, principal) => {
      record('AttachThingPrincipal', thingName, principal);
      if (!things.has(thingName)) {
        return Promise.reject(notFound(`Thing ${thingName}`));
      }
      certificateByArn(principal);
      listOrEmpty(thingPrincipals, thingName).add(principal);
      return Promise.resolve();
    },
    listAttachedPolicies: (target) => {
      record('ListAttachedPolicies', target);
      return Promise.resolve([...listOrEmpty(policyTargets, target)]);
    },
    attachPolicy: (policyName, target) => {
      record('AttachPolicy', policyName, target);
      if (!policies.has(policyName)) {
        return Promise.reject(notFound(`Policy ${policyName}`));
      }
      certificateByArn(target);
      listOrEmpty(policyTargets, target).add(policyName);
      return Promise.resolve();
    },
    detachPolicy: (policyName, target) => {
      record('DetachPolicy', policyName, target);
      if (!policies.has(policyName)) {
        return Promise.reject(notFound(`Policy ${policyName}`));
      }
      listOrEmpty(policyTargets, target).delete(policyName);
      return Promise.resolve();
    },
    describeThing: (thingName) => {
      record('DescribeThing', thingName);
      return Promise.resolve(things.get(thingName));
    },
    createThing: (thingName) => {
      record('CreateThing', thingName);
      const existing = things.get(thingName);
      if (existing !== undefined) {
        return Promise.resolve(existing);
      }
      const thing = {
        thingName,
        thingArn: `arn:aws:iot:${region}:${accountId}:thing/${thingName}`,
      };
      things.set(thingName, thing);
      return Promise.resolve(thing);
    },
    updateThingAttributes: (thingName, attributes) => {
      record('UpdateThing', thingName, JSON.stringify(attributes));
      if (!things.has(thingName)) {
        return Promise.reject(notFound(`Thing ${thingName}`));
      }
      // merge: true; an empty value removes the attribute (UpdateThing AttributePayload).
      const merged = { ...thingAttributes.get(thingName), ...attributes };
      for (const [name, value] of Object.entries(merged)) {
        if (value === '') delete merged[name];
      }
      thingAttributes.set(thingName, merged);
      return Promise.resolve();
    },
  };

  return {
    port,
    calls,
    registerCertificate(input) {
      counter += 1;
      const certificatePem =
        input.certificatePem ??
        `-----BEGIN CERTIFICATE-----\nplaceholder-${input.seed ?? String(counter)}\n-----END CERTIFICATE-----\n`;
      const certificateId =
        input.certificateId ?? createHash('sha256').update(certificatePem).digest('hex');
      const certificate: CertificateInfo = {
        certificateId,
        certificateArn: arnOf(certificateId),
        status: input.status,
        certificatePem,
        creationDate: input.creationDate ?? options.clock.now(),
        ...(input.caCertificateId === undefined ? {} : { caCertificateId: input.caCertificateId }),
        ...(input.notBefore === undefined ? {} : { notBefore: input.notBefore }),
        ...(input.notAfter === undefined ? {} : { notAfter: input.notAfter }),
      };
      certificates.set(certificateId, certificate);
      return certificate;
    },
    createPolicy(policyName) {
      policies.add(policyName);
    },
    certificateArn: arnOf,
    thingAttributes: (thingName) => ({ ...thingAttributes.get(thingName) }),
    snapshot() {
      return structuredClone({
        certificates: [...certificates.values()],
        things: [...things.values()],
        thingPrincipals: [...thingPrincipals].map(([k, v]) => [k, [...v].sort()]),
        thingAttributes: [...thingAttributes],
        policyTargets: [...policyTargets].map(([k, v]) => [k, [...v].sort()]),
      });
    },
    failNext(operation, error) {
      failures.set(operation, error);
    },
  };
}
