import { createAuthorizer } from '../authorizer/createAuthorizer.js';
import { createCognitoAuthorizer } from '../authorizer/createCognitoAuthorizer.js';
import { buildBrowserPolicy } from '../builders/buildBrowserPolicy.js';
import { buildClaimPolicy } from '../builders/buildClaimPolicy.js';
import { buildDevicePolicy } from '../builders/buildDevicePolicy.js';
import { buildTrustedUserRolePolicy } from '../builders/buildTrustedUserRolePolicy.js';
import type { PolicyDocument } from '../document/schemas.js';
import type { RequestContext } from '../context/schemas.js';
import { compilePolicies } from '../evaluate/compilePolicies.js';
import { evaluate } from '../evaluate/evaluate.js';
import { evaluateCognito } from '../evaluate/evaluateCognito.js';
import type { NamedPolicy, PolicyDecision } from '../evaluate/types.js';

// Design section 8 (IAM/IoT policy: allowed and denied paths), run against the documents the
// builders really produce.
const target = { region: 'ap-northeast-1', accountId: '123456789012' };
const ARN = 'arn:aws:iot:ap-northeast-1:123456789012:';
const TEMPLATE = 'amr-fleet';
const IDENTITY = 'ap-northeast-1:11111111-2222-3333-4444-555555555555';
const OTHER_IDENTITY = 'ap-northeast-1:99999999-8888-7777-6666-555555555555';

const named = (name: string, document: PolicyDocument): NamedPolicy => ({ name, document });

const device = [named('device', buildDevicePolicy(target))];
const claim = [named('claim', buildClaimPolicy({ ...target, templateName: TEMPLATE }))];
const trustedUser = [
  named('trusted-user', buildTrustedUserRolePolicy({ ...target, templateName: TEMPLATE })),
];
const browserTwo = named(
  'browser',
  buildBrowserPolicy({ ...target, thingNames: ['AMR-001', 'AMR-002'] }),
);
const browserOne = named('browser-one', buildBrowserPolicy({ ...target, thingNames: ['AMR-001'] }));
const browserAll = named('browser-all', buildBrowserPolicy({ ...target, thingNames: '*' }));
const firmwareDeny = named('deny-firmware', {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Deny',
      Action: 'iot:Publish',
      Resource: `${ARN}topic/amr/\${iot:Connection.Thing.ThingName}/firmware/*`,
    },
  ],
});
const estopDeny = named('deny-estop', {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: 'iot:Publish', Resource: `${ARN}topic/amr/*/cmd/estop` }],
});
const fleetWatcher = named('fleet-watcher', {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}topicfilter/amr/*` }],
});

const thing = (name: string, overrides: RequestContext = {}): RequestContext => ({
  'iot:ClientId': name,
  'iot:Connection.Thing.ThingName': name,
  'iot:Connection.Thing.IsAttached': true,
  ...overrides,
});
const amr1 = thing('AMR-001');
const browser: RequestContext = {
  'iot:ClientId': `${IDENTITY}-tab1`,
  'cognito-identity.amazonaws.com:sub': IDENTITY,
};
const claimant: RequestContext = { 'iot:ClientId': 'claim-serial-001' };

type Principal =
  | { kind: 'iot'; policies: NamedPolicy[] }
  | { kind: 'cognito'; iam: NamedPolicy[]; iot: NamedPolicy[] };

const iot = (...policies: NamedPolicy[][]): Principal => ({
  kind: 'iot',
  policies: policies.flat(),
});
const cognito = (iam: NamedPolicy[], iotPolicies: NamedPolicy[]): Principal => ({
  kind: 'cognito',
  iam,
  iot: iotPolicies,
});

type Row = [
  name: string,
  principal: Principal,
  action: string,
  resource: string,
  context: RequestContext,
  expected: PolicyDecision,
];

const browserBoth = cognito([browserTwo], [browserTwo]);

// One row per decision, kept as a table.
// prettier-ignore
const rows: Row[] = [
  // Devices: only their own thing's topics, only with client id = thing name, only when attached.
  ['device connects as its thing', iot(device), 'iot:Connect', 'client/AMR-001', amr1, 'allow'],
  ['device connects with another thing as client id (exclusive thing)', iot(device), 'iot:Connect', 'client/AMR-002', { ...amr1, 'iot:ClientId': 'AMR-002' }, 'implicitDeny'],
  ['device connects with a client id whose thing is not attached', iot(device), 'iot:Connect', 'client/AMR-002', thing('AMR-002', { 'iot:Connection.Thing.IsAttached': false }), 'implicitDeny'],
  ['device connects while IsAttached is false', iot(device), 'iot:Connect', 'client/AMR-001', thing('AMR-001', { 'iot:Connection.Thing.IsAttached': false }), 'implicitDeny'],
  ['certificate attached to no thing connects', iot(device), 'iot:Connect', 'client/AMR-001', { 'iot:ClientId': 'AMR-001' }, 'implicitDeny'],
  ['device publishes its status', iot(device), 'iot:Publish', 'topic/amr/AMR-001/status', amr1, 'allow'],
  ['device publishes its heartbeat', iot(device), 'iot:Publish', 'topic/amr/AMR-001/heartbeat', amr1, 'allow'],
  ['device retains its status', iot(device), 'iot:RetainPublish', 'topic/amr/AMR-001/status', amr1, 'allow'],
  ['device retains its heartbeat', iot(device), 'iot:RetainPublish', 'topic/amr/AMR-001/heartbeat', amr1, 'allow'],
  ['device retains a command ack', iot(device), 'iot:RetainPublish', 'topic/amr/AMR-001/cmd/call/ack', amr1, 'implicitDeny'],
  ['device retains another thing status', iot(device), 'iot:RetainPublish', 'topic/amr/AMR-002/status', amr1, 'implicitDeny'],
  ['device retains on its shadow topic', iot(device), 'iot:RetainPublish', 'topic/$aws/things/AMR-001/shadow/name/robot/update', amr1, 'implicitDeny'],
  ['device updates its robot shadow', iot(device), 'iot:Publish', 'topic/$aws/things/AMR-001/shadow/name/robot/update', amr1, 'allow'],
  ['device subscribes to its shadow delta', iot(device), 'iot:Subscribe', 'topicfilter/$aws/things/AMR-001/shadow/name/robot/update/delta', amr1, 'allow'],
  ['device receives its command', iot(device), 'iot:Receive', 'topic/amr/AMR-001/cmd/call', amr1, 'allow'],
  ['device subscribes to its commands with +', iot(device), 'iot:Subscribe', 'topicfilter/amr/AMR-001/cmd/+', amr1, 'allow'],
  ['device publishes another thing status', iot(device), 'iot:Publish', 'topic/amr/AMR-002/status', amr1, 'implicitDeny'],
  ['device subscribes to another thing commands', iot(device), 'iot:Subscribe', 'topicfilter/amr/AMR-002/cmd/+', amr1, 'implicitDeny'],
  ['device receives another thing command', iot(device), 'iot:Receive', 'topic/amr/AMR-002/cmd/call', amr1, 'implicitDeny'],
  ['device updates another thing shadow', iot(device), 'iot:Publish', 'topic/$aws/things/AMR-002/shadow/name/robot/update', amr1, 'implicitDeny'],
  ['device publishes outside amr/', iot(device), 'iot:Publish', 'topic/fleet/broadcast', amr1, 'implicitDeny'],
  ['device uses the provisioning API', iot(device), 'iot:Publish', 'topic/$aws/certificates/create/json', amr1, 'implicitDeny'],
  // The wildcard-subscription case: + and # are literal characters in policy resources.
  ['device subscribes amr/+/status', iot(device), 'iot:Subscribe', 'topicfilter/amr/+/status', amr1, 'implicitDeny'],
  ['device subscribes amr/#', iot(device), 'iot:Subscribe', 'topicfilter/amr/#', amr1, 'implicitDeny'],
  ['topicfilter/amr/* grants amr/+/status', iot(device, [fleetWatcher]), 'iot:Subscribe', 'topicfilter/amr/+/status', amr1, 'allow'],
  ['topicfilter/amr/* grants amr/#', iot(device, [fleetWatcher]), 'iot:Subscribe', 'topicfilter/amr/#', amr1, 'allow'],
  // Explicit deny beats allow.
  ['deny policy beats the device allow', iot(device, [firmwareDeny]), 'iot:Publish', 'topic/amr/AMR-001/firmware/report', amr1, 'explicitDeny'],
  ['deny policy leaves other topics allowed', iot(device, [firmwareDeny]), 'iot:Publish', 'topic/amr/AMR-001/status', amr1, 'allow'],
  // Claim certificate: only the provisioning topics of its own template.
  ['claim connects', iot(claim), 'iot:Connect', 'client/claim-serial-001', claimant, 'allow'],
  ['claim asks CreateKeysAndCertificate', iot(claim), 'iot:Publish', 'topic/$aws/certificates/create/json', claimant, 'allow'],
  ['claim asks CreateCertificateFromCsr', iot(claim), 'iot:Publish', 'topic/$aws/certificates/create-from-csr/json', claimant, 'allow'],
  ['claim subscribes to create accepted', iot(claim), 'iot:Subscribe', 'topicfilter/$aws/certificates/create/json/accepted', claimant, 'allow'],
  ['claim receives create-from-csr rejected', iot(claim), 'iot:Receive', 'topic/$aws/certificates/create-from-csr/json/rejected', claimant, 'allow'],
  ['claim registers with its template', iot(claim), 'iot:Publish', `topic/$aws/provisioning-templates/${TEMPLATE}/provision/json`, claimant, 'allow'],
  ['claim subscribes to its template accepted', iot(claim), 'iot:Subscribe', `topicfilter/$aws/provisioning-templates/${TEMPLATE}/provision/json/accepted`, claimant, 'allow'],
  ['claim registers with another template', iot(claim), 'iot:Publish', 'topic/$aws/provisioning-templates/other-template/provision/json', claimant, 'implicitDeny'],
  ['claim subscribes to another template', iot(claim), 'iot:Subscribe', 'topicfilter/$aws/provisioning-templates/other-template/provision/json/accepted', claimant, 'implicitDeny'],
  ['claim publishes an application topic', iot(claim), 'iot:Publish', 'topic/amr/AMR-001/status', claimant, 'implicitDeny'],
  ['claim subscribes to a shadow', iot(claim), 'iot:Subscribe', 'topicfilter/$aws/things/AMR-001/shadow/get/accepted', claimant, 'implicitDeny'],
  ['claim updates a shadow', iot(claim), 'iot:Publish', 'topic/$aws/things/AMR-001/shadow/update', claimant, 'implicitDeny'],
  ['claim uses the cbor format it was not given', iot(claim), 'iot:Publish', 'topic/$aws/certificates/create/cbor', claimant, 'implicitDeny'],
  ['claim retains a request', iot(claim), 'iot:RetainPublish', 'topic/$aws/certificates/create/json', claimant, 'implicitDeny'],
  ['claim subscribes create/json/#', iot(claim), 'iot:Subscribe', 'topicfilter/$aws/certificates/create/json/#', claimant, 'implicitDeny'],
  ['claim publishes on an answer topic', iot(claim), 'iot:Publish', 'topic/$aws/certificates/create/json/accepted', claimant, 'implicitDeny'],
  // Browser identity: allowed robots only, client ids prefixed by its own identity id.
  ['browser connects with its identity prefix', browserBoth, 'iot:Connect', `client/${IDENTITY}-tab1`, browser, 'allow'],
  ['browser connects with another identity prefix', browserBoth, 'iot:Connect', `client/${OTHER_IDENTITY}-tab1`, { ...browser, 'iot:ClientId': `${OTHER_IDENTITY}-tab1` }, 'implicitDeny'],
  ['browser connects with the bare identity id', browserBoth, 'iot:Connect', `client/${IDENTITY}`, { ...browser, 'iot:ClientId': IDENTITY }, 'implicitDeny'],
  ['browser subscribes to an allowed status', browserBoth, 'iot:Subscribe', 'topicfilter/amr/AMR-001/status', browser, 'allow'],
  ['browser subscribes to an allowed robot shadow', browserBoth, 'iot:Subscribe', 'topicfilter/$aws/things/AMR-002/shadow/name/robot/get/accepted', browser, 'allow'],
  ['browser sends a call command', browserBoth, 'iot:Publish', 'topic/amr/AMR-001/cmd/call', browser, 'allow'],
  ['browser asks the robot shadow', browserBoth, 'iot:Publish', 'topic/$aws/things/AMR-001/shadow/name/robot/get', browser, 'allow'],
  ['browser receives a heartbeat', browserBoth, 'iot:Receive', 'topic/amr/AMR-002/heartbeat', browser, 'allow'],
  ['browser receives a command ack', browserBoth, 'iot:Receive', 'topic/amr/AMR-001/cmd/call/ack', browser, 'allow'],
  ['browser subscribes to a robot not allowed', browserBoth, 'iot:Subscribe', 'topicfilter/amr/AMR-003/status', browser, 'implicitDeny'],
  ['browser commands a robot not allowed', browserBoth, 'iot:Publish', 'topic/amr/AMR-003/cmd/call', browser, 'implicitDeny'],
  ['browser subscribes amr/+/status', browserBoth, 'iot:Subscribe', 'topicfilter/amr/+/status', browser, 'implicitDeny'],
  ['browser retains', browserBoth, 'iot:RetainPublish', 'topic/amr/AMR-001/status', browser, 'implicitDeny'],
  // Cognito: both the IAM role policy and the IoT policy must allow.
  ['IoT policy allows, IAM role does not', cognito([browserOne], [browserAll]), 'iot:Publish', 'topic/amr/AMR-002/cmd/call', browser, 'implicitDeny'],
  ['IAM role allows, IoT policy does not', cognito([browserAll], [browserOne]), 'iot:Publish', 'topic/amr/AMR-002/cmd/call', browser, 'implicitDeny'],
  ['IAM role and IoT policy both allow', cognito([browserAll], [browserOne]), 'iot:Publish', 'topic/amr/AMR-001/cmd/call', browser, 'allow'],
  ['explicit deny in the IoT policy set beats both allows', cognito([browserAll], [browserAll, estopDeny]), 'iot:Publish', 'topic/amr/AMR-001/cmd/estop', browser, 'explicitDeny'],
  ['explicit deny in the IAM set beats both allows', cognito([browserAll, estopDeny], [browserAll]), 'iot:Publish', 'topic/amr/AMR-001/cmd/estop', browser, 'explicitDeny'],
  // Trusted user role: CreateProvisioningClaim on its template only.
  ['trusted user claims on its template', iot(trustedUser), 'iot:CreateProvisioningClaim', `provisioningtemplate/${TEMPLATE}`, {}, 'allow'],
  ['trusted user claims on another template', iot(trustedUser), 'iot:CreateProvisioningClaim', 'provisioningtemplate/other-template', {}, 'implicitDeny'],
  ['trusted user creates keys directly', iot(trustedUser), 'iot:CreateKeysAndCertificate', 'cert/*', {}, 'implicitDeny'],
  ['trusted user publishes', iot(trustedUser), 'iot:Publish', 'topic/amr/AMR-001/cmd/call', {}, 'implicitDeny'],
];

function decide(
  principal: Principal,
  action: string,
  resource: string,
  context: RequestContext,
): PolicyDecision {
  const request = { action, resource: `${ARN}${resource}`, context };
  return principal.kind === 'iot'
    ? evaluate(principal.policies, request).decision
    : evaluateCognito({ iamPolicies: principal.iam, iotPolicies: principal.iot }, request).decision;
}

function authorize(
  principal: Principal,
  action: string,
  resource: string,
  context: RequestContext,
): PolicyDecision {
  const arn = `${ARN}${resource}`;
  return principal.kind === 'iot'
    ? createAuthorizer(compilePolicies(principal.policies), context).authorize(action, arn).decision
    : createCognitoAuthorizer(
        { iam: compilePolicies(principal.iam), iot: compilePolicies(principal.iot) },
        context,
      ).authorize(action, arn).decision;
}

describe('design test plan (section 8): allowed and denied paths', () => {
  it('has at least 40 decisions', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });

  it.each(rows)('%s', (_name, principal, action, resource, context, expected) => {
    expect(decide(principal, action, resource, context)).toBe(expected);
    expect(authorize(principal, action, resource, context)).toBe(expected);
  });

  it('names the deciding statement', () => {
    const denied = evaluate([...device, firmwareDeny], {
      action: 'iot:Publish',
      resource: `${ARN}topic/amr/AMR-001/firmware/report`,
      context: amr1,
    });
    expect(denied.statement).toEqual({
      policyName: 'deny-firmware',
      policyIndex: 1,
      statementIndex: 0,
    });
    const allowed = evaluate(device, {
      action: 'iot:RetainPublish',
      resource: `${ARN}topic/amr/AMR-001/status`,
      context: amr1,
    });
    expect(allowed.statement).toEqual({
      policyName: 'device',
      policyIndex: 0,
      statementIndex: 2,
      sid: 'RetainOwnStatusAndHeartbeat',
    });
  });

  it('reports which Cognito policy set refused', () => {
    const result = evaluateCognito(
      { iamPolicies: [browserOne], iotPolicies: [browserAll] },
      { action: 'iot:Publish', resource: `${ARN}topic/amr/AMR-002/cmd/call`, context: browser },
    );
    expect(result).toMatchObject({
      decision: 'implicitDeny',
      policySet: 'iam',
      iam: { decision: 'implicitDeny' },
      iot: { decision: 'allow' },
    });
  });
});
