import { buildDevicePolicy, compilePolicies, createAuthorizer } from '@iot-gateway-net/policy';
import { createConnectionPermissions } from '../authz/createConnectionPermissions.js';
import { createResourceArns } from '../authz/createResourceArns.js';
import { createRateLimiter } from './createRateLimiter.js';
import { decidePublish, type PublishRequest } from './decidePublish.js';

const target = { region: 'ap-northeast-1', accountId: '123456789012' };
const permissions = createConnectionPermissions(
  createAuthorizer(compilePolicies([{ name: 'device', document: buildDevicePolicy(target) }]), {
    'iot:ClientId': 'AMR-001',
    'iot:Connection.Thing.ThingName': 'AMR-001',
    'iot:Connection.Thing.IsAttached': true,
  }),
  createResourceArns(target),
);

function request(overrides: Partial<PublishRequest> = {}): PublishRequest {
  return {
    topic: 'amr/AMR-001/heartbeat',
    qos: 1,
    retain: false,
    payloadBytes: 20,
    maxPayloadBytes: 128 * 1024,
    permissions,
    limiter: createRateLimiter({
      messagesPerSecond: 100,
      bytesPerSecond: 512 * 1024,
      now: () => 0,
    }),
    ...overrides,
  };
}

describe('decidePublish', () => {
  it('accepts a publish the device policy allows, retained where RetainPublish allows', () => {
    expect(decidePublish(request())).toEqual({ ok: true });
    expect(decidePublish(request({ topic: 'amr/AMR-001/status', retain: true }))).toEqual({
      ok: true,
    });
    expect(
      decidePublish(request({ topic: '$aws/things/AMR-001/shadow/name/robot/update' })),
    ).toEqual({
      ok: true,
    });
  });

  it("closes with AUTH_ERROR for another thing's topic or a retain without RetainPublish", () => {
    expect(decidePublish(request({ topic: 'amr/AMR-002/status' }))).toEqual({
      ok: false,
      reason: 'AUTH_ERROR',
      action: 'iot:Publish',
      message: 'Publish to "amr/AMR-002/status" is not allowed by the connection\'s policies',
    });
    expect(
      decidePublish(request({ topic: 'amr/AMR-001/cmd/call/ack', retain: true })),
    ).toMatchObject({
      ok: false,
      reason: 'AUTH_ERROR',
      action: 'iot:RetainPublish',
    });
  });

  it('closes with CLIENT_ERROR for QoS 2, bad topics, reserved topics and oversized payloads', () => {
    expect(decidePublish(request({ qos: 2 }))).toMatchObject({ ok: false, reason: 'CLIENT_ERROR' });
    expect(decidePublish(request({ topic: 'amr/AMR-001/a/b/c/d/e/f/g' }))).toMatchObject({
      ok: false,
      reason: 'CLIENT_ERROR',
    });
    expect(
      decidePublish(request({ topic: '$aws/things/AMR-001/shadow/update', retain: true })),
    ).toMatchObject({ ok: false, reason: 'CLIENT_ERROR' });
    expect(
      decidePublish(request({ topic: '$aws/things/AMR-001/shadow/update/accepted' })),
    ).toMatchObject({
      ok: false,
      reason: 'CLIENT_ERROR',
    });
    expect(decidePublish(request({ payloadBytes: 128 * 1024 + 1 }))).toEqual({
      ok: false,
      reason: 'CLIENT_ERROR',
      message:
        'Unexpected payload of 131073 bytes on "amr/AMR-001/heartbeat", expected at most 131072',
    });
  });

  it('closes with THROTTLED past the per-connection rate, charging only accepted publishes', () => {
    const limiter = createRateLimiter({ messagesPerSecond: 2, bytesPerSecond: 1e6, now: () => 0 });
    expect(decidePublish(request({ limiter, topic: 'amr/AMR-002/status' }))).toMatchObject({
      ok: false,
    });
    expect(decidePublish(request({ limiter }))).toEqual({ ok: true });
    expect(decidePublish(request({ limiter }))).toEqual({ ok: true });
    expect(decidePublish(request({ limiter }))).toMatchObject({ ok: false, reason: 'THROTTLED' });
  });
});
