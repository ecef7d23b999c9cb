import { evaluate, buildDevicePolicy, iotArn } from '@iot-gateway-net/policy';
import { buildConnectionContext } from './buildConnectionContext.js';

const target = { region: 'ap-northeast-1', accountId: '123456789012' };
const thing = {
  thingName: 'AMR-001',
  thingId: 'id',
  thingArn: 'arn:aws:iot:ap-northeast-1:123456789012:thing/AMR-001',
  thingTypeName: 'amr',
  attributes: { site: 'tokyo' },
  version: 1,
  creationDate: 0,
};

describe('buildConnectionContext', () => {
  it('binds the thing variables only for the attached thing named like the client id', () => {
    expect(
      buildConnectionContext({
        clientId: 'AMR-001',
        sourceIp: '192.0.2.7',
        connectAttributes: ['LastWill'],
        thing,
        cognitoIdentityId: 'ap-northeast-1:guid',
      }),
    ).toEqual({
      'iot:ClientId': 'AMR-001',
      'iot:Connection.Thing.IsAttached': true,
      'iot:ConnectAttributes': ['LastWill'],
      'aws:SourceIp': '192.0.2.7',
      'iot:Connection.Thing.ThingName': 'AMR-001',
      'iot:Connection.Thing.ThingTypeName': 'amr',
      'iot:Connection.Thing.Attributes[site]': 'tokyo',
      'cognito-identity.amazonaws.com:sub': 'ap-northeast-1:guid',
    });
    expect(buildConnectionContext({ clientId: 'other', connectAttributes: [] })).toEqual({
      'iot:ClientId': 'other',
      'iot:Connection.Thing.IsAttached': false,
      'iot:ConnectAttributes': [],
    });
  });

  it('lets the design device policy connect only as the attached thing', () => {
    const policies = [{ document: buildDevicePolicy(target) }];
    const connect = (clientId: string, attached: boolean) =>
      evaluate(policies, {
        action: 'iot:Connect',
        resource: iotArn({ ...target, resourceType: 'client', resource: clientId }),
        context: buildConnectionContext({
          clientId,
          connectAttributes: [],
          ...(attached ? { thing: { ...thing, thingName: clientId } } : {}),
        }),
      }).decision;
    expect(connect('AMR-001', true)).toBe('allow');
    expect(connect('AMR-001', false)).toBe('implicitDeny');
  });
});
