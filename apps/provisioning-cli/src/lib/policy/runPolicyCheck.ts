import { GetPolicyCommand, type IoTClient } from '@aws-sdk/client-iot';
import {
  evaluate,
  iotArn,
  parsePolicyDocument,
  type EvaluationResult,
  type PolicyStatement,
  type RequestContext,
} from '@iot-gateway-net/policy';
import { CliError } from '../errors/CliError.js';
import { certificateIdOf } from '../inspect/certificateIdOf.js';
import { listPrincipalThingNames } from '../inspect/listPrincipalThingNames.js';
import { loadCertificateDetails } from '../inspect/loadCertificateDetails.js';

/** The answer of `policy check`: the question asked, the decision and the deciding statement. */
export interface PolicyCheckReport extends EvaluationResult {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context: RequestContext;
  /** Policies attached to the principal, in the order evaluated. */
  readonly policies: readonly string[];
  /** The statement named by `statement`, as written in its policy. */
  readonly deciding?: PolicyStatement;
}

/** Options of {@link runPolicyCheck}. */
export interface RunPolicyCheckOptions {
  readonly iot: IoTClient;
  readonly region: string;
  readonly accountId: string;
  /** Certificate id or ARN. */
  readonly principal: string;
  /** e.g. `iot:Publish`. */
  readonly action: string;
  /** A full ARN, or a topic / topic filter / client id made into one by `action`. */
  readonly resource: string;
  /** `iot:ClientId`. Defaults to the thing the certificate is attached to. */
  readonly clientId?: string;
  readonly now: Date;
}

// AWS IoT Core policy actions: which resource type each action is checked against.
const RESOURCE_TYPE_BY_ACTION: Record<string, 'topic' | 'topicfilter' | 'client'> = {
  'iot:publish': 'topic',
  'iot:retainpublish': 'topic',
  'iot:receive': 'topic',
  'iot:subscribe': 'topicfilter',
  'iot:connect': 'client',
};

/**
 * `policy check`: evaluates the policies attached to a certificate offline with
 * `@iot-gateway-net/policy` (AWS IoT Core's evaluation: default deny, explicit deny wins, policy
 * variables bound from the connection) and returns the decision with the deciding statement. The
 * connection context is the one AWS IoT would bind: the thing the certificate is attached to
 * (`iot:Connection.Thing.*`), the client id (default: that thing's name) and the certificate CN.
 *
 * @throws {CliError} `USAGE` for a resource that needs an ARN; `NOT_FOUND` for an unknown
 *   certificate.
 */
export async function runPolicyCheck(options: RunPolicyCheckOptions): Promise<PolicyCheckReport> {
  const { iot } = options;
  const certificate = await loadCertificateDetails(
    iot,
    certificateIdOf(options.principal),
    options.now,
  );
  const resource = toResourceArn(options);
  const things = await listPrincipalThingNames(iot, certificate.certificateArn);
  const thingName = things[0];
  const clientId = options.clientId ?? thingName;
  const context: RequestContext = {
    ...(clientId === undefined ? {} : { 'iot:ClientId': clientId }),
    ...(thingName === undefined
      ? {}
      : { 'iot:Connection.Thing.ThingName': thingName, 'iot:Connection.Thing.IsAttached': true }),
    ...(certificate.commonName === undefined
      ? {}
      : { 'iot:Certificate.Subject.CommonName': certificate.commonName }),
  };
  const policies = await Promise.all(
    certificate.policies.map(async (name) => {
      const policy = await iot.send(new GetPolicyCommand({ policyName: name }));
      return { name, document: parsePolicyDocument(policy.policyDocument ?? '{}') };
    }),
  );
  const result = evaluate(policies, { action: options.action, resource, context });
  const ref = result.statement;
  const statements = ref === undefined ? [] : policies[ref.policyIndex]?.document.Statement;
  const deciding =
    ref === undefined || statements === undefined
      ? undefined
      : Array.isArray(statements)
        ? statements[ref.statementIndex]
        : statements;
  return {
    ...result,
    principal: certificate.certificateArn,
    action: options.action,
    resource,
    context,
    policies: certificate.policies,
    ...(deciding === undefined ? {} : { deciding }),
  };
}

function toResourceArn(options: RunPolicyCheckOptions): string {
  if (options.resource.startsWith('arn:')) return options.resource;
  const resourceType = RESOURCE_TYPE_BY_ACTION[options.action.toLowerCase()];
  if (resourceType === undefined) {
    throw new CliError(
      'USAGE',
      `Unexpected resource "${options.resource}" for ${options.action}: give a full ARN (topics, topic filters and client ids are only inferred for iot:Publish, iot:RetainPublish, iot:Receive, iot:Subscribe and iot:Connect)`,
    );
  }
  return iotArn({
    region: options.region,
    accountId: options.accountId,
    resourceType,
    resource: options.resource,
  });
}
