import { PolicyError } from '../errors/PolicyError.js';
import { iotArn } from './iotArn.js';
import { iotArnPrefix } from './iotArnPrefix.js';
import { parseIotArn } from './parseIotArn.js';

const parts = { region: 'ap-northeast-1', accountId: '123456789012' };

describe('iotArn', () => {
  it.each<[Parameters<typeof iotArn>[0], string]>([
    [
      { ...parts, resourceType: 'topic', resource: 'amr/AMR-001/status' },
      'arn:aws:iot:ap-northeast-1:123456789012:topic/amr/AMR-001/status',
    ],
    [
      { ...parts, resourceType: 'topicfilter', resource: 'amr/+/status' },
      'arn:aws:iot:ap-northeast-1:123456789012:topicfilter/amr/+/status',
    ],
    [
      { ...parts, resourceType: 'client', resource: 'ap-northeast-1:guid-tab' },
      'arn:aws:iot:ap-northeast-1:123456789012:client/ap-northeast-1:guid-tab',
    ],
    [
      {
        ...parts,
        resourceType: 'provisioningtemplate',
        resource: 'amr-fleet',
        partition: 'aws-us-gov',
      },
      'arn:aws-us-gov:iot:ap-northeast-1:123456789012:provisioningtemplate/amr-fleet',
    ],
    [
      { ...parts, resourceType: 'client', resource: '${iot:Connection.Thing.ThingName}' },
      'arn:aws:iot:ap-northeast-1:123456789012:client/${iot:Connection.Thing.ThingName}',
    ],
  ])('builds %j', (input, expected) => {
    expect(iotArn(input)).toBe(expected);
  });

  it('refuses bad parts, naming them', () => {
    expect(() => iotArn({ ...parts, resourceType: 'queue' as 'topic', resource: 'x' })).toThrow(
      /^Invalid ARN parts: resourceType: expected an AWS IoT resource type \(client, topic, .*\), received "queue"$/,
    );
    expect(() => iotArn({ ...parts, resourceType: 'topic', resource: '' })).toThrow(
      'Invalid ARN parts: resource: expected a non-empty resource name, received ""',
    );
    expect(() =>
      iotArn({ ...parts, accountId: 'abc', resourceType: 'topic', resource: 'x' }),
    ).toThrow(PolicyError);
  });
});

describe('iotArnPrefix', () => {
  it('gives the constant head of an account and region', () => {
    expect(iotArnPrefix(parts)).toBe('arn:aws:iot:ap-northeast-1:123456789012:');
    expect(`${iotArnPrefix(parts)}topic/a`).toBe(
      iotArn({ ...parts, resourceType: 'topic', resource: 'a' }),
    );
  });

  it('refuses a bad region', () => {
    expect(() => iotArnPrefix({ ...parts, region: '' })).toThrow(
      'Invalid ARN parts: region: expected an AWS region such as "ap-northeast-1", received ""',
    );
  });
});

describe('parseIotArn', () => {
  it('reads an ARN back, keeping colons and slashes in the resource', () => {
    expect(
      parseIotArn('arn:aws:iot:ap-northeast-1:123456789012:client/ap-northeast-1:guid-tab'),
    ).toEqual({
      partition: 'aws',
      region: 'ap-northeast-1',
      accountId: '123456789012',
      resourceType: 'client',
      resource: 'ap-northeast-1:guid-tab',
    });
    expect(
      parseIotArn('arn:aws:iot:ap-northeast-1:123456789012:topic/$aws/things/A/shadow/get')
        .resource,
    ).toBe('$aws/things/A/shadow/get');
  });

  it('round-trips iotArn', () => {
    const input = {
      ...parts,
      partition: 'aws' as const,
      resourceType: 'topicfilter' as const,
      resource: 'amr/#',
    };
    expect(parseIotArn(iotArn(input))).toEqual(input);
  });

  it.each<[string, string]>([
    [
      'arn:aws:s3:::bucket/key',
      'Unexpected ARN "arn:aws:s3:::bucket/key", expected arn:<partition>:iot:<region>:<account>:<type>/<resource>',
    ],
    [
      'topic/amr',
      'Unexpected ARN "topic/amr", expected arn:<partition>:iot:<region>:<account>:<type>/<resource>',
    ],
    [
      'arn:aws:iot:ap-northeast-1:123456789012:topic/',
      'Unexpected ARN "arn:aws:iot:ap-northeast-1:123456789012:topic/", expected',
    ],
    [
      'arn:aws:iot:ap-northeast-1:123456789012:widget/x',
      'resourceType: expected an AWS IoT resource type',
    ],
    [
      'arn:aws:iot:ap-northeast-1:12345:topic/x',
      'accountId: expected a 12-digit AWS account id, received "12345"',
    ],
  ])('refuses %j', (arn, message) => {
    expect(() => parseIotArn(arn)).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARN',
        message: expect.stringContaining(message) as string,
      }),
    );
  });
});
