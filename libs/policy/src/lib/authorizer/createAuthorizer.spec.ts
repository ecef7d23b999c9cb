import { buildBrowserPolicy } from '../builders/buildBrowserPolicy.js';
import { buildClaimPolicy } from '../builders/buildClaimPolicy.js';
import { buildDevicePolicy } from '../builders/buildDevicePolicy.js';
import type { RequestContext } from '../context/schemas.js';
import { PolicyError } from '../errors/PolicyError.js';
import { compilePolicies } from '../evaluate/compilePolicies.js';
import { evaluate } from '../evaluate/evaluate.js';
import { evaluateCognito } from '../evaluate/evaluateCognito.js';
import type { NamedPolicy } from '../evaluate/types.js';
import { createAuthorizer } from './createAuthorizer.js';
import { createCognitoAuthorizer } from './createCognitoAuthorizer.js';

const target = { region: 'ap-northeast-1', accountId: '123456789012' };
const ARN = 'arn:aws:iot:ap-northeast-1:123456789012:';

/** mulberry32: a small seeded PRNG so every run sees the same "random" requests. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) {
    throw new Error('empty list');
  }
  return item;
}

const THINGS = ['AMR-001', 'AMR-002', 'AMR-003'];
const ACTIONS = [
  'iot:Connect',
  'iot:Publish',
  'iot:publish',
  'iot:Subscribe',
  'iot:Receive',
  'iot:RetainPublish',
  'iot:CreateProvisioningClaim',
  'iot:DeleteThingShadow',
];

function randomResource(next: () => number): string {
  const thing = pick(next, [...THINGS, '+', '*']);
  const type = pick(next, ['client', 'topic', 'topicfilter', 'provisioningtemplate', 'thing']);
  const path = pick(next, [
    thing,
    `amr/${thing}/status`,
    `amr/${thing}/heartbeat`,
    `amr/${thing}/cmd/call`,
    `amr/${thing}/cmd/+/ack`,
    `amr/${thing}/firmware/report`,
    `amr/${thing}/#`,
    'amr/#',
    `$aws/things/${thing}/shadow/name/robot/update/delta`,
    '$aws/certificates/create/json',
    '$aws/certificates/create/json/accepted',
    '$aws/provisioning-templates/amr-fleet/provision/json',
    '$aws/provisioning-templates/other/provision/json/rejected',
    `ap-northeast-1:guid-${thing}`,
  ]);
  return `${ARN}${type}/${path}`;
}

function randomDeviceContext(next: () => number): RequestContext {
  const thing = pick(next, THINGS);
  const context: RequestContext = {
    'iot:ClientId': next() < 0.8 ? thing : pick(next, THINGS),
    'iot:Connection.Thing.IsAttached': next() < 0.8,
    'iot:ConnectAttributes': next() < 0.5 ? ['LastWill'] : ['LastWill', 'PersistentConnect'],
    'aws:SourceIp': next() < 0.5 ? '203.0.113.7' : '198.51.100.1',
  };
  if (next() < 0.9) {
    context['iot:Connection.Thing.ThingName'] = thing;
  }
  return context;
}

const devicePolicies: NamedPolicy[] = [
  { name: 'device', document: buildDevicePolicy(target) },
  { name: 'claim', document: buildClaimPolicy({ ...target, templateName: 'amr-fleet' }) },
  {
    name: 'mixed',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: 'iot:Publish',
          Resource: `${ARN}topic/amr/\${iot:Connection.Thing.ThingName}/firmware/*`,
        },
        {
          Effect: 'Allow',
          Action: 'iot:Subscribe',
          Resource: `${ARN}topicfilter/amr/*`,
          Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        },
        {
          Effect: 'Deny',
          NotAction: [
            'iot:Connect',
            'iot:Publish',
            'iot:Subscribe',
            'iot:Receive',
            'iot:RetainPublish',
          ],
          Resource: '*',
        },
        {
          Effect: 'Allow',
          Action: 'iot:Connect',
          NotResource: `${ARN}client/AMR-003`,
          Condition: { 'ForAllValues:StringEquals': { 'iot:ConnectAttributes': ['LastWill'] } },
        },
        {
          Effect: 'Deny',
          Action: 'iot:Retain*',
          Resource: '*',
          Condition: { StringNotLikeIfExists: { 'iot:ClientId': 'AMR-00?' } },
        },
      ],
    },
  },
];

describe('createAuthorizer', () => {
  it('returns the same decisions as evaluate over seeded random requests, with and without eviction', () => {
    const next = random(20250822);
    const compiled = compilePolicies(devicePolicies);
    let compared = 0;
    const seen = new Set<string>();
    for (let connection = 0; connection < 40; connection += 1) {
      const context = randomDeviceContext(next);
      const small = createAuthorizer(compiled, context, { maxCacheEntries: 4 });
      const large = createAuthorizer(compiled, context);
      const uncached = createAuthorizer(compiled, context, { maxCacheEntries: 0 });
      // A small pool of questions so that repeats hit (and evict from) the cache.
      const pool = Array.from(
        { length: 12 },
        () => [pick(next, ACTIONS), randomResource(next)] as const,
      );
      for (let request = 0; request < 60; request += 1) {
        const [action, resource] = pick(next, pool);
        const expected = evaluate(devicePolicies, { action, resource, context });
        expect(small.authorize(action, resource)).toEqual(expected);
        expect(large.authorize(action, resource)).toEqual(expected);
        expect(uncached.authorize(action, resource)).toEqual(expected);
        seen.add(expected.decision);
        compared += 1;
      }
      expect(uncached.cacheSize).toBe(0);
    }
    expect(compared).toBe(2400);
    expect([...seen].sort()).toEqual(['allow', 'explicitDeny', 'implicitDeny']);
  });

  it('answers a repeated question with the same frozen object', () => {
    const authorizer = createAuthorizer(compilePolicies(devicePolicies), {
      'iot:Connection.Thing.ThingName': 'AMR-001',
    });
    const first = authorizer.authorize('iot:Publish', `${ARN}topic/amr/AMR-001/status`);
    expect(authorizer.authorize('iot:Publish', `${ARN}topic/amr/AMR-001/status`)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first.decision).toBe('allow');
  });

  it('keeps at most maxCacheEntries per action and forgets on clearCache', () => {
    const authorizer = createAuthorizer(
      compilePolicies(devicePolicies),
      {},
      { maxCacheEntries: 3 },
    );
    for (let index = 0; index < 10; index += 1) {
      authorizer.authorize('iot:Publish', `${ARN}topic/t${index}`);
      authorizer.authorize('iot:Receive', `${ARN}topic/t${index}`);
    }
    expect(authorizer.cacheSize).toBe(6);
    authorizer.clearCache();
    expect(authorizer.cacheSize).toBe(0);
  });

  it('refuses a bad maxCacheEntries', () => {
    const compiled = compilePolicies([]);
    expect(() => createAuthorizer(compiled, {}, { maxCacheEntries: -1 })).toThrow(PolicyError);
    expect(() => createAuthorizer(compiled, {}, { maxCacheEntries: 1.5 })).toThrow(
      'Unexpected maxCacheEntries 1.5, expected a non-negative integer',
    );
  });
});

describe('createCognitoAuthorizer', () => {
  it('returns the same decisions as evaluateCognito over seeded random requests', () => {
    const next = random(7);
    const sets = [
      [
        {
          name: 'two',
          document: buildBrowserPolicy({ ...target, thingNames: ['AMR-001', 'AMR-002'] }),
        },
      ],
      [{ name: 'all', document: buildBrowserPolicy({ ...target, thingNames: '*' }) }],
      [
        { name: 'one', document: buildBrowserPolicy({ ...target, thingNames: ['AMR-001'] }) },
        {
          name: 'deny',
          document: {
            Version: '2012-10-17',
            Statement: {
              Effect: 'Deny',
              Action: 'iot:Publish',
              Resource: `${ARN}topic/amr/*/cmd/call`,
            },
          },
        },
      ],
    ] as const;
    for (let connection = 0; connection < 30; connection += 1) {
      const iamPolicies = [...pick(next, sets)];
      const iotPolicies = [...pick(next, sets)];
      const identity = pick(next, ['ap-northeast-1:guid-AMR-001', 'ap-northeast-1:guid-AMR-002']);
      const context: RequestContext = {
        'cognito-identity.amazonaws.com:sub': identity,
        'iot:ClientId': `${pick(next, ['ap-northeast-1:guid-AMR-001', 'ap-northeast-1:guid-AMR-002'])}-tab`,
      };
      const authorizer = createCognitoAuthorizer(
        { iam: compilePolicies(iamPolicies), iot: compilePolicies(iotPolicies) },
        context,
        { maxCacheEntries: 5 },
      );
      for (let request = 0; request < 40; request += 1) {
        const action = pick(next, ACTIONS);
        const resource = randomResource(next);
        expect(authorizer.authorize(action, resource)).toEqual(
          evaluateCognito({ iamPolicies, iotPolicies }, { action, resource, context }),
        );
      }
    }
  });
});
