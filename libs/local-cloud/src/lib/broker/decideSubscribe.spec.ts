import { buildDevicePolicy, compilePolicies, createAuthorizer } from '@iot-gateway-net/policy';
import { createConnectionPermissions } from '../authz/createConnectionPermissions.js';
import { createResourceArns } from '../authz/createResourceArns.js';
import { decideSubscribe, type SubscribeRequest } from './decideSubscribe.js';

const target = { region: 'ap-northeast-1', accountId: '123456789012' };
const permissions = createConnectionPermissions(
  createAuthorizer(compilePolicies([{ name: 'device', document: buildDevicePolicy(target) }]), {
    'iot:Connection.Thing.ThingName': 'AMR-001',
  }),
  createResourceArns(target),
);

function request(overrides: Partial<SubscribeRequest> = {}): SubscribeRequest {
  return {
    filter: 'amr/AMR-001/cmd/+',
    alreadySubscribed: false,
    subscriptionCount: 0,
    maxSubscriptions: 50,
    permissions,
    ...overrides,
  };
}

describe('decideSubscribe', () => {
  it('grants filters the policy allows', () => {
    expect(decideSubscribe(request())).toEqual({ granted: true });
    expect(decideSubscribe(request({ filter: '$aws/things/AMR-001/shadow/name/robot/#' }))).toEqual(
      {
        granted: true,
      },
    );
  });

  it('refuses (0x80) filters the policy does not allow', () => {
    expect(decideSubscribe(request({ filter: 'amr/AMR-002/#' }))).toEqual({
      granted: false,
      action: 'iot:Subscribe',
      message: 'Subscribe to "amr/AMR-002/#" is not allowed by the connection\'s policies',
    });
    expect(decideSubscribe(request({ filter: 'amr/#' }))).toMatchObject({ granted: false });
  });

  it('refuses bad filters and the 51st subscription, but not a re-subscription', () => {
    expect(decideSubscribe(request({ filter: 'amr/AMR-001/#/x' }))).toMatchObject({
      granted: false,
    });
    expect(decideSubscribe(request({ subscriptionCount: 50 }))).toEqual({
      granted: false,
      message:
        'Unexpected subscription to "amr/AMR-001/cmd/+", expected at most 50 subscriptions per connection',
    });
    expect(decideSubscribe(request({ subscriptionCount: 50, alreadySubscribed: true }))).toEqual({
      granted: true,
    });
  });
});
