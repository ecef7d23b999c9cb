import { buildDevicePolicy, compilePolicies, createAuthorizer } from '@iot-gateway-net/policy';
import { createConnectionPermissions } from '../authz/createConnectionPermissions.js';
import { createResourceArns } from '../authz/createResourceArns.js';
import { decideConnect } from './decideConnect.js';

const target = { region: 'ap-northeast-1', accountId: '123456789012' };
const compiled = compilePolicies([{ name: 'device', document: buildDevicePolicy(target) }]);
const arns = createResourceArns(target);
const attached = createConnectionPermissions(
  createAuthorizer(compiled, {
    'iot:ClientId': 'AMR-001',
    'iot:Connection.Thing.ThingName': 'AMR-001',
    'iot:Connection.Thing.IsAttached': true,
  }),
  arns,
);
// The client id names no attached thing: the thing variables stay unresolved (AWS IoT Developer
// Guide, "Thing policy variables").
const mismatched = createConnectionPermissions(
  createAuthorizer(compiled, {
    'iot:ClientId': 'AMR-001-x',
    'iot:Connection.Thing.IsAttached': false,
  }),
  arns,
);

describe('decideConnect', () => {
  it('accepts the attached thing with a Will on its retained status', () => {
    expect(
      decideConnect({
        clientId: 'AMR-001',
        will: { topic: 'amr/AMR-001/status', retain: true, payloadBytes: 40 },
        maxPayloadBytes: 131072,
        permissions: attached,
      }),
    ).toEqual({ ok: true });
  });

  it('refuses a client id that is not the thing name with a connect_failed event', () => {
    expect(
      decideConnect({ clientId: 'AMR-001-x', maxPayloadBytes: 131072, permissions: mismatched }),
    ).toEqual({
      ok: false,
      returnCode: 5,
      connectFailed: true,
      action: 'iot:Connect',
      message: 'Connect as client "AMR-001-x" is not allowed by the principal\'s policies',
    });
  });

  it('rejects a client id over 128 bytes as identifier rejected', () => {
    expect(
      decideConnect({ clientId: 'é'.repeat(65), maxPayloadBytes: 131072, permissions: attached }),
    ).toMatchObject({ ok: false, returnCode: 2, connectFailed: false });
  });

  it('refuses Wills the client could not publish', () => {
    const connect = (will: { topic: string; retain: boolean; payloadBytes: number }) =>
      decideConnect({ clientId: 'AMR-001', will, maxPayloadBytes: 131072, permissions: attached });
    expect(connect({ topic: 'amr/AMR-002/status', retain: false, payloadBytes: 1 })).toMatchObject({
      ok: false,
      returnCode: 5,
      connectFailed: true,
      action: 'iot:Publish',
    });
    expect(
      connect({ topic: 'amr/AMR-001/cmd/call/ack', retain: true, payloadBytes: 1 }),
    ).toMatchObject({
      ok: false,
      connectFailed: true,
      action: 'iot:RetainPublish',
    });
    expect(
      connect({ topic: '$aws/things/AMR-001/shadow/update', retain: true, payloadBytes: 1 }),
    ).toMatchObject({ ok: false, returnCode: 5, connectFailed: false });
    expect(
      connect({ topic: 'amr/AMR-001/status', retain: false, payloadBytes: 131073 }),
    ).toMatchObject({
      ok: false,
      connectFailed: false,
    });
  });
});
