import type { Authorizer, EvaluationResult } from '@iot-gateway-net/policy';
import { createConnectionPermissions } from './createConnectionPermissions.js';
import { createResourceArns } from './createResourceArns.js';

describe('createConnectionPermissions', () => {
  it('asks the authorizer for the documented action and resource, memoizing publish and receive', () => {
    const asked: string[] = [];
    const authorizer: Authorizer<EvaluationResult> = {
      authorize: (action, resource) => {
        asked.push(`${action} ${resource}`);
        return { decision: resource.endsWith('/ok') ? 'allow' : 'implicitDeny' };
      },
      cacheSize: 0,
      clearCache: () => undefined,
    };
    const permissions = createConnectionPermissions(
      authorizer,
      createResourceArns({ region: 'ap-northeast-1', accountId: '123456789012' }),
    );
    expect(permissions.connect('ok').decision).toBe('allow');
    expect(permissions.publish('a/ok').decision).toBe('allow');
    expect(permissions.publish('a/ok').decision).toBe('allow');
    expect(permissions.retainPublish('a/no').decision).toBe('implicitDeny');
    expect(permissions.subscribe('a/+/ok').decision).toBe('allow');
    expect(permissions.receive('a/ok').decision).toBe('allow');
    expect(permissions.receive('a/ok').decision).toBe('allow');
    const arn = 'arn:aws:iot:ap-northeast-1:123456789012:';
    expect(asked).toEqual([
      `iot:Connect ${arn}client/ok`,
      `iot:Publish ${arn}topic/a/ok`,
      `iot:RetainPublish ${arn}topic/a/no`,
      `iot:Subscribe ${arn}topicfilter/a/+/ok`,
      `iot:Receive ${arn}topic/a/ok`,
    ]);
  });
});
