import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateThingCommand,
  DescribeCertificateCommand,
  DescribeThingCommand,
  DetachPolicyCommand,
  DetachThingPrincipalCommand,
  ListAttachedPoliciesCommand,
  ListPrincipalThingsCommand,
  ListThingPrincipalsCommand,
  ResourceNotFoundException,
  UpdateCertificateCommand,
  UpdateThingCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import { CloudFunctionError } from '../errors/CloudFunctionError.js';
import {
  CERTIFICATE_STATUSES,
  type CertificateInfo,
  type CertificateStatus,
  type IotControlPort,
  type ThingInfo,
} from './types.js';

function isNotFound(error: unknown): boolean {
  return (
    error instanceof ResourceNotFoundException ||
    (error instanceof Error && error.name === 'ResourceNotFoundException')
  );
}

function awsError(operation: string, error: unknown): CloudFunctionError {
  if (error instanceof CloudFunctionError) {
    return error;
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new CloudFunctionError('AWS_ERROR', `${operation} failed: ${detail}`, { cause: error });
}

async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw awsError(operation, error);
  }
}

async function callOrUndefined<T>(
  operation: string,
  run: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (isNotFound(error)) {
      return undefined;
    }
    throw awsError(operation, error);
  }
}

function isCertificateStatus(value: unknown): value is CertificateStatus {
  return (CERTIFICATE_STATUSES as readonly unknown[]).includes(value);
}

function required<T>(operation: string, field: string, value: T | undefined): T {
  if (value === undefined) {
    throw new CloudFunctionError('AWS_ERROR', `${operation} answered without ${field}`);
  }
  return value;
}

/**
 * Implements {@link IotControlPort} with `@aws-sdk/client-iot`, one command per method. List calls
 * follow every page. `ResourceNotFoundException` becomes `undefined` where the port allows it.
 *
 * Works the same against AWS and against the local cloud's control plane (a client created with
 * `endpoint` pointing at it).
 *
 * @throws {CloudFunctionError} `AWS_ERROR` (cause = the SDK error) for any other failure, or when an
 *   answer lacks a field the handlers need.
 */
export function fromIotClient(client: IoTClient): IotControlPort {
  return {
    describeCertificate: (certificateId) =>
      callOrUndefined('DescribeCertificate', async (): Promise<CertificateInfo> => {
        const op = 'DescribeCertificate';
        const answer = await client.send(new DescribeCertificateCommand({ certificateId }));
        const d = required(op, 'certificateDescription', answer.certificateDescription);
        const status = d.status;
        if (!isCertificateStatus(status)) {
          throw new CloudFunctionError(
            'AWS_ERROR',
            `${op} answered status ${JSON.stringify(status)}, expected one of ${CERTIFICATE_STATUSES.join(', ')}`,
          );
        }
        return {
          certificateId: required(op, 'certificateId', d.certificateId),
          certificateArn: required(op, 'certificateArn', d.certificateArn),
          status,
          certificatePem: required(op, 'certificatePem', d.certificatePem),
          creationDate: required(op, 'creationDate', d.creationDate),
          ...(d.caCertificateId === undefined ? {} : { caCertificateId: d.caCertificateId }),
          ...(d.validity?.notBefore === undefined ? {} : { notBefore: d.validity.notBefore }),
          ...(d.validity?.notAfter === undefined ? {} : { notAfter: d.validity.notAfter }),
        };
      }),

    updateCertificate: (certificateId, newStatus) =>
      call('UpdateCertificate', async () => {
        await client.send(new UpdateCertificateCommand({ certificateId, newStatus }));
      }),

    listThingPrincipals: (thingName) =>
      callOrUndefined('ListThingPrincipals', async () => {
        const principals: string[] = [];
        let nextToken: string | undefined;
        do {
          const page = await client.send(new ListThingPrincipalsCommand({ thingName, nextToken }));
          principals.push(...(page.principals ?? []));
          nextToken = page.nextToken;
        } while (nextToken !== undefined && nextToken !== '');
        return principals;
      }),

    listPrincipalThings: (principal) =>
      call('ListPrincipalThings', async () => {
        const things: string[] = [];
        let nextToken: string | undefined;
        do {
          const page = await client.send(new ListPrincipalThingsCommand({ principal, nextToken }));
          things.push(...(page.things ?? []));
          nextToken = page.nextToken;
        } while (nextToken !== undefined && nextToken !== '');
        return things;
      }),

    detachThingPrincipal: (thingName, principal) =>
      call('DetachThingPrincipal', async () => {
        await client.send(new DetachThingPrincipalCommand({ thingName, principal }));
      }),

    attachThingPrincipal: (thingName, principal) =>
      call('AttachThingPrincipal', async () => {
        await client.send(new AttachThingPrincipalCommand({ thingName, principal }));
      }),

    listAttachedPolicies: (target) =>
      call('ListAttachedPolicies', async () => {
        const names: string[] = [];
        let marker: string | undefined;
        do {
          const page = await client.send(new ListAttachedPoliciesCommand({ target, marker }));
          for (const policy of page.policies ?? []) {
            if (policy.policyName !== undefined) {
              names.push(policy.policyName);
            }
          }
          marker = page.nextMarker;
        } while (marker !== undefined && marker !== '');
        return names;
      }),

    attachPolicy: (policyName, target) =>
      call('AttachPolicy', async () => {
        await client.send(new AttachPolicyCommand({ policyName, target }));
      }),

    detachPolicy: (policyName, target) =>
      call('DetachPolicy', async () => {
        await client.send(new DetachPolicyCommand({ policyName, target }));
      }),

    describeThing: (thingName) =>
      callOrUndefined('DescribeThing', async (): Promise<ThingInfo> => {
        const answer = await client.send(new DescribeThingCommand({ thingName }));
        return {
          thingName: required('DescribeThing', 'thingName', answer.thingName),
          thingArn: required('DescribeThing', 'thingArn', answer.thingArn),
        };
      }),

    createThing: (thingName) =>
      call('CreateThing', async (): Promise<ThingInfo> => {
        const answer = await client.send(new CreateThingCommand({ thingName }));
        return {
          thingName: required('CreateThing', 'thingName', answer.thingName),
          thingArn: required('CreateThing', 'thingArn', answer.thingArn),
        };
      }),

    updateThingAttributes: (thingName, attributes) =>
      call('UpdateThing', async () => {
        // AttributePayload.merge: true merges into the stored attributes (UpdateThing API).
        await client.send(
          new UpdateThingCommand({
            thingName,
            attributePayload: { attributes: { ...attributes }, merge: true },
          }),
        );
      }),
  };
}
