import type { RequestContext } from '../context/schemas.js';
import type { PolicyStatement } from '../document/schemas.js';
import { PolicyError } from '../errors/PolicyError.js';
import { compilePolicies } from './compilePolicies.js';
import { evaluate } from './evaluate.js';
import { evaluateCognito } from './evaluateCognito.js';
import type { NamedPolicy } from './types.js';

const ARN = 'arn:aws:iot:ap-northeast-1:123456789012:';

const policy = (...statements: PolicyStatement[]): NamedPolicy => ({
  document: { Version: '2012-10-17', Statement: statements },
});

function decision(
  policies: NamedPolicy[],
  action: string,
  resource: string,
  context: RequestContext = {},
): string {
  return evaluate(policies, { action, resource: `${ARN}${resource}`, context }).decision;
}

describe('evaluate: decisions', () => {
  it('denies by default', () => {
    expect(decision([], 'iot:Publish', 'topic/a')).toBe('implicitDeny');
    expect(evaluate([], { action: 'iot:Publish', resource: `${ARN}topic/a` })).toEqual({
      decision: 'implicitDeny',
    });
  });

  it('lets a Deny win over an Allow in the same or another policy, whatever the order', () => {
    const allow: PolicyStatement = { Effect: 'Allow', Action: 'iot:*', Resource: '*' };
    const deny: PolicyStatement = {
      Effect: 'Deny',
      Action: 'iot:Publish',
      Resource: `${ARN}topic/secret`,
    };
    expect(decision([policy(allow, deny)], 'iot:Publish', 'topic/secret')).toBe('explicitDeny');
    expect(decision([policy(deny), policy(allow)], 'iot:Publish', 'topic/secret')).toBe(
      'explicitDeny',
    );
    expect(decision([policy(deny), policy(allow)], 'iot:Publish', 'topic/open')).toBe('allow');
  });

  it('reports the first matching Allow statement', () => {
    const result = evaluate(
      [
        {
          name: 'a',
          document: {
            Version: '2012-10-17',
            Statement: { Effect: 'Allow', Action: 'iot:Connect', Resource: '*' },
          },
        },
        {
          name: 'b',
          document: {
            Version: '2012-10-17',
            Statement: [{ Sid: 'S1', Effect: 'Allow', Action: 'iot:Publish', Resource: '*' }],
          },
        },
        {
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }],
          },
        },
      ],
      { action: 'iot:Publish', resource: `${ARN}topic/a` },
    );
    expect(result).toEqual({
      decision: 'allow',
      statement: { policyName: 'b', policyIndex: 1, statementIndex: 0, sid: 'S1' },
    });
  });

  it('accepts documents as JSON text', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 'iot:Publish', Resource: '*' },
    });
    expect(decision([{ document: text }], 'iot:Publish', 'topic/a')).toBe('allow');
  });

  it('refuses a bad document, naming the policy', () => {
    const bad = {
      name: 'broken',
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Nope' }] },
    };
    expect(() =>
      evaluate([bad as unknown as NamedPolicy], { action: 'iot:Publish', resource: '*' }),
    ).toThrow(
      expect.objectContaining({
        name: 'PolicyError',
        code: 'INVALID_DOCUMENT',
        message: expect.stringMatching(
          /^Policy "broken": Invalid policy document: Statement\[0\]\.Effect/,
        ) as string,
      }),
    );
    expect(() => compilePolicies([{ document: '{' }])).toThrow(PolicyError);
    expect(() => compilePolicies([{ document: '{' }])).toThrow(
      /^Policy #0: Invalid policy document/,
    );
  });
});

describe('evaluate: Action and NotAction', () => {
  it.each<[string, string, string]>([
    ['iot:Publish', 'iot:Publish', 'allow'],
    ['iot:Publish', 'IOT:PUBLISH', 'allow'],
    ['IoT:publish', 'iot:Publish', 'allow'],
    ['iot:*', 'iot:RetainPublish', 'allow'],
    ['iot:*Publish', 'iot:RetainPublish', 'allow'],
    ['iot:*Publish', 'iot:Subscribe', 'implicitDeny'],
    ['iot:?eceive', 'iot:Receive', 'allow'],
    ['iot:?eceive', 'iot:Receiv', 'implicitDeny'],
    ['*', 'sts:AssumeRole', 'allow'],
    ['iot:Publish', 'iot:PublishX', 'implicitDeny'],
    ['iot:Publish', 'iot:RetainPublish', 'implicitDeny'],
  ])('Action %j covers %j: %s', (pattern, action, expected) => {
    expect(
      decision([policy({ Effect: 'Allow', Action: pattern, Resource: '*' })], action, 'topic/a'),
    ).toBe(expected);
  });

  it('NotAction covers every action except the listed ones', () => {
    const policies = [
      policy({ Effect: 'Allow', NotAction: ['iot:Connect', 'iot:Retain*'], Resource: '*' }),
    ];
    expect(decision(policies, 'iot:Publish', 'topic/a')).toBe('allow');
    expect(decision(policies, 'iot:connect', 'client/a')).toBe('implicitDeny');
    expect(decision(policies, 'iot:RetainPublish', 'topic/a')).toBe('implicitDeny');
  });

  it('a Deny with NotAction denies everything else', () => {
    const policies = [
      policy(
        { Effect: 'Allow', Action: 'iot:*', Resource: '*' },
        { Effect: 'Deny', NotAction: 'iot:Receive', Resource: '*' },
      ),
    ];
    expect(decision(policies, 'iot:Receive', 'topic/a')).toBe('allow');
    expect(decision(policies, 'iot:Publish', 'topic/a')).toBe('explicitDeny');
  });
});

describe('evaluate: Resource and NotResource', () => {
  it('matches resources case-sensitively', () => {
    const policies = [
      policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}topic/amr/AMR-001/*` }),
    ];
    expect(decision(policies, 'iot:Publish', 'topic/amr/AMR-001/status')).toBe('allow');
    expect(decision(policies, 'iot:Publish', 'topic/amr/amr-001/status')).toBe('implicitDeny');
    expect(decision(policies, 'iot:Publish', 'topic/AMR/AMR-001/status')).toBe('implicitDeny');
  });

  it('lets Resource "*" cover anything, ARN or not', () => {
    const policies = [policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: '*' })];
    expect(evaluate(policies, { action: 'iot:Publish', resource: 'not-an-arn' }).decision).toBe(
      'allow',
    );
  });

  it('NotResource covers every resource except the listed ones', () => {
    const policies = [
      policy({
        Effect: 'Allow',
        Action: 'iot:Publish',
        NotResource: [`${ARN}topic/admin/*`, `${ARN}topic/$aws/*`],
      }),
    ];
    expect(decision(policies, 'iot:Publish', 'topic/amr/a')).toBe('allow');
    expect(decision(policies, 'iot:Publish', 'topic/admin/x')).toBe('implicitDeny');
    expect(decision(policies, 'iot:Publish', 'topic/$aws/things/x/shadow/update')).toBe(
      'implicitDeny',
    );
  });

  it('treats MQTT wildcards as plain characters', () => {
    const policies = [
      policy({
        Effect: 'Allow',
        Action: 'iot:Subscribe',
        Resource: `${ARN}topicfilter/some/+/topic`,
      }),
    ];
    expect(decision(policies, 'iot:Subscribe', 'topicfilter/some/+/topic')).toBe('allow');
    expect(decision(policies, 'iot:Subscribe', 'topicfilter/some/thing/topic')).toBe(
      'implicitDeny',
    );
    expect(decision(policies, 'iot:Subscribe', 'topicfilter/some/#')).toBe('implicitDeny');
  });
});

describe('evaluate: policy variables', () => {
  const thingPolicy = [
    policy({
      Effect: 'Allow',
      Action: 'iot:Publish',
      Resource: `${ARN}topic/amr/\${iot:Connection.Thing.ThingName}/*`,
    }),
  ];

  it('substitutes the context into resources', () => {
    const context = { 'iot:Connection.Thing.ThingName': 'AMR-001' };
    expect(decision(thingPolicy, 'iot:Publish', 'topic/amr/AMR-001/status', context)).toBe('allow');
    expect(decision(thingPolicy, 'iot:Publish', 'topic/amr/AMR-002/status', context)).toBe(
      'implicitDeny',
    );
  });

  it('finds variables case-insensitively', () => {
    const policies = [
      policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}topic/\${IOT:CLIENTID}` }),
    ];
    expect(decision(policies, 'iot:Publish', 'topic/c1', { 'iot:ClientId': 'c1' })).toBe('allow');
  });

  it('makes a resource with an unresolvable variable match nothing, leaving the others', () => {
    expect(
      decision(
        thingPolicy,
        'iot:Publish',
        'topic/amr/${iot:Connection.Thing.ThingName}/status',
        {},
      ),
    ).toBe('implicitDeny');
    const mixed = [
      policy({
        Effect: 'Allow',
        Action: 'iot:Publish',
        Resource: [`${ARN}topic/amr/\${iot:Connection.Thing.ThingName}/*`, `${ARN}topic/public/*`],
      }),
    ];
    expect(decision(mixed, 'iot:Publish', 'topic/public/x', {})).toBe('allow');
  });

  it('drops a statement whose NotResource or Condition holds an unresolvable variable', () => {
    const notResource = [
      policy({
        Effect: 'Allow',
        Action: 'iot:Publish',
        NotResource: `${ARN}topic/\${iot:ClientId}/*`,
      }),
    ];
    expect(decision(notResource, 'iot:Publish', 'topic/x', { 'iot:ClientId': 'c1' })).toBe('allow');
    expect(decision(notResource, 'iot:Publish', 'topic/x', {})).toBe('implicitDeny');
    const deny = [
      policy(
        { Effect: 'Allow', Action: 'iot:Connect', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'iot:Connect',
          Resource: '*',
          Condition: { StringNotEquals: { 'iot:ClientId': '${iot:Connection.Thing.ThingName}' } },
        },
      ),
    ];
    expect(
      decision(deny, 'iot:Connect', 'client/c1', {
        'iot:ClientId': 'c1',
        'iot:Connection.Thing.ThingName': 'c2',
      }),
    ).toBe('explicitDeny');
    expect(
      decision(deny, 'iot:Connect', 'client/c1', {
        'iot:ClientId': 'c1',
        'iot:Connection.Thing.ThingName': 'c1',
      }),
    ).toBe('allow');
    expect(decision(deny, 'iot:Connect', 'client/c1', { 'iot:ClientId': 'c1' })).toBe('allow');
  });

  it('substitutes values literally: a client id "*" or "+" does not widen the pattern', () => {
    const policies = [
      policy({
        Effect: 'Allow',
        Action: 'iot:Subscribe',
        Resource: `${ARN}topicfilter/my/\${iot:ClientId}/topic`,
      }),
    ];
    expect(
      decision(policies, 'iot:Subscribe', 'topicfilter/my/x/topic', { 'iot:ClientId': '*' }),
    ).toBe('implicitDeny');
    expect(
      decision(policies, 'iot:Subscribe', 'topicfilter/my/*/topic', { 'iot:ClientId': '*' }),
    ).toBe('allow');
    // AWS IoT Developer Guide, "Basic AWS IoT Core policy variables": client id "+" gets my/+/topic.
    expect(
      decision(policies, 'iot:Subscribe', 'topicfilter/my/+/topic', { 'iot:ClientId': '+' }),
    ).toBe('allow');
  });

  it('reads ${*}, ${?} and ${$} as literal characters', () => {
    const policies = [
      policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}topic/a\${*}b\${?}\${$}` }),
    ];
    expect(decision(policies, 'iot:Publish', 'topic/a*b?$')).toBe('allow');
    expect(decision(policies, 'iot:Publish', 'topic/axxb1$')).toBe('implicitDeny');
  });

  it('places wildcards after a variable in the leading ARN parts once it has a value', () => {
    const policies = [
      policy({
        Effect: 'Allow',
        Action: 'iot:Publish',
        Resource: 'arn:aws:iot:${x:where}:topic/*',
      }),
    ];
    const context = { 'x:where': 'ap-northeast-1:123456789012' };
    expect(decision(policies, 'iot:Publish', 'topic/a:b', context)).toBe('allow');
    expect(decision(policies, 'iot:Publish', 'topic/a', { 'x:where': 'ap-northeast-1' })).toBe(
      'implicitDeny',
    );
  });

  it('uses a default value when the variable is missing', () => {
    const policies = [
      policy({
        Effect: 'Allow',
        Action: 'iot:Publish',
        Resource: `${ARN}topic/\${iot:ClientId, 'guest'}/*`,
      }),
    ];
    expect(decision(policies, 'iot:Publish', 'topic/guest/x', {})).toBe('allow');
    expect(decision(policies, 'iot:Publish', 'topic/c1/x', { 'iot:ClientId': 'c1' })).toBe('allow');
  });

  it('substitutes thing attributes by their case-sensitive name', () => {
    const policies = [
      policy({
        Effect: 'Allow',
        Action: 'iot:Publish',
        Resource: `${ARN}topic/zone/\${iot:Connection.Thing.Attributes[Zone]}/*`,
      }),
    ];
    expect(
      decision(policies, 'iot:Publish', 'topic/zone/A/x', {
        'iot:Connection.Thing.Attributes[Zone]': 'A',
      }),
    ).toBe('allow');
    expect(
      decision(policies, 'iot:Publish', 'topic/zone/A/x', {
        'iot:Connection.Thing.Attributes[zone]': 'A',
      }),
    ).toBe('implicitDeny');
  });

  it('follows the X.509 certificate variable rules: first value, .N index, .List, no wildcards', () => {
    const resource = (variable: string) =>
      policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}topic/c/\${${variable}}` });
    const context = {
      'iot:Certificate.Subject.Country': ['JP', 'US'],
      'iot:Certificate.Subject.CommonName': 'dev*',
    };
    expect(
      decision([resource('iot:Certificate.Subject.Country')], 'iot:Publish', 'topic/c/JP', context),
    ).toBe('allow');
    expect(
      decision(
        [resource('iot:Certificate.Subject.Country.1')],
        'iot:Publish',
        'topic/c/US',
        context,
      ),
    ).toBe('allow');
    expect(
      decision([resource('iot:Certificate.Subject.Country.2')], 'iot:Publish', 'topic/c/', context),
    ).toBe('implicitDeny');
    // A certificate attribute holding a wildcard character is not substituted.
    expect(
      decision(
        [resource('iot:Certificate.Subject.CommonName')],
        'iot:Publish',
        'topic/c/dev*',
        context,
      ),
    ).toBe('implicitDeny');
    const listed = [
      policy({
        Effect: 'Allow',
        Action: 'iot:Publish',
        Resource: '*',
        Condition: {
          'ForAllValues:StringEquals': { 'iot:Certificate.Subject.Country.List': ['JP', 'US'] },
        },
      }),
    ];
    expect(decision(listed, 'iot:Publish', 'topic/x', context)).toBe('allow');
    expect(
      decision(listed, 'iot:Publish', 'topic/x', {
        'iot:Certificate.Subject.Country': ['JP', 'FR'],
      }),
    ).toBe('implicitDeny');
  });
});

describe('evaluate: conditions in statements', () => {
  it('ANDs the keys of a condition block', () => {
    const policies = [
      policy({
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: '*',
        Condition: {
          Bool: { 'iot:Connection.Thing.IsAttached': 'true' },
          StringLike: { 'iot:ClientId': 'AMR-*' },
          IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
        },
      }),
    ];
    const context = {
      'iot:Connection.Thing.IsAttached': true,
      'iot:ClientId': 'AMR-1',
      'aws:SourceIp': '203.0.113.9',
    };
    expect(decision(policies, 'iot:Connect', 'client/AMR-1', context)).toBe('allow');
    expect(
      decision(policies, 'iot:Connect', 'client/AMR-1', {
        ...context,
        'aws:SourceIp': '198.51.100.1',
      }),
    ).toBe('implicitDeny');
    expect(
      decision(policies, 'iot:Connect', 'client/AMR-1', { ...context, 'iot:ClientId': 'X-1' }),
    ).toBe('implicitDeny');
  });

  it('restricts connect attributes (retained Will policy example)', () => {
    const policies = [
      policy({
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: '*',
        Condition: { 'ForAllValues:StringEquals': { 'iot:ConnectAttributes': ['LastWill'] } },
      }),
    ];
    expect(
      decision(policies, 'iot:Connect', 'client/a', { 'iot:ConnectAttributes': ['LastWill'] }),
    ).toBe('allow');
    expect(
      decision(policies, 'iot:Connect', 'client/a', {
        'iot:ConnectAttributes': ['LastWill', 'PersistentConnect'],
      }),
    ).toBe('implicitDeny');
  });
});

describe('evaluateCognito', () => {
  const allowAll = policy({ Effect: 'Allow', Action: 'iot:*', Resource: '*' });
  const allowPublish = policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: '*' });
  const denyPublish = policy({ Effect: 'Deny', Action: 'iot:Publish', Resource: '*' });
  const request = { action: 'iot:Publish', resource: `${ARN}topic/a` };

  it('allows only when both sets allow, reporting the IoT statement', () => {
    expect(
      evaluateCognito({ iamPolicies: [allowAll], iotPolicies: [allowPublish] }, request),
    ).toEqual({
      decision: 'allow',
      statement: { policyIndex: 0, statementIndex: 0 },
      policySet: 'iot',
      iam: { decision: 'allow', statement: { policyIndex: 0, statementIndex: 0 } },
      iot: { decision: 'allow', statement: { policyIndex: 0, statementIndex: 0 } },
    });
  });

  it('denies when either set does not allow, naming it', () => {
    expect(evaluateCognito({ iamPolicies: [], iotPolicies: [allowAll] }, request)).toMatchObject({
      decision: 'implicitDeny',
      policySet: 'iam',
    });
    expect(evaluateCognito({ iamPolicies: [allowAll], iotPolicies: [] }, request)).toMatchObject({
      decision: 'implicitDeny',
      policySet: 'iot',
    });
  });

  it('lets an explicit deny in either set win', () => {
    expect(
      evaluateCognito({ iamPolicies: [allowAll, denyPublish], iotPolicies: [allowAll] }, request),
    ).toMatchObject({ decision: 'explicitDeny', policySet: 'iam' });
    expect(
      evaluateCognito({ iamPolicies: [], iotPolicies: [allowAll, denyPublish] }, request),
    ).toMatchObject({ decision: 'explicitDeny', policySet: 'iot' });
  });
});
