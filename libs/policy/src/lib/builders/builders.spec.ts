import { TopicError } from '@iot-gateway-net/topics';
import { ZodError } from 'zod';
import { parsePolicyDocument } from '../document/parsePolicyDocument.js';
import type { PolicyDocument, PolicyStatement } from '../document/schemas.js';
import { PolicyError } from '../errors/PolicyError.js';
import { buildBrowserPolicy } from './buildBrowserPolicy.js';
import { buildClaimPolicy } from './buildClaimPolicy.js';
import { buildDevicePolicy } from './buildDevicePolicy.js';
import { buildTrustedUserRolePolicy } from './buildTrustedUserRolePolicy.js';
import { thingScopedTopic } from './thingScopedTopic.js';

const target = { region: 'ap-northeast-1', accountId: '123456789012' };
const ARN = 'arn:aws:iot:ap-northeast-1:123456789012:';

function statements(document: PolicyDocument): PolicyStatement[] {
  return Array.isArray(document.Statement) ? document.Statement : [document.Statement];
}

function failure(build: () => unknown): PolicyError {
  try {
    build();
  } catch (error) {
    if (error instanceof PolicyError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a PolicyError');
}

describe('buildDevicePolicy', () => {
  it('produces design 4.2 plus RetainPublish on status and heartbeat only', () => {
    expect(buildDevicePolicy(target)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ConnectAsAttachedThing',
          Effect: 'Allow',
          Action: ['iot:Connect'],
          Resource: [`${ARN}client/\${iot:Connection.Thing.ThingName}`],
          Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } },
        },
        {
          Sid: 'PublishReceiveOwnTopics',
          Effect: 'Allow',
          Action: ['iot:Publish', 'iot:Receive'],
          Resource: [
            `${ARN}topic/amr/\${iot:Connection.Thing.ThingName}/*`,
            `${ARN}topic/$aws/things/\${iot:Connection.Thing.ThingName}/*`,
          ],
        },
        {
          Sid: 'RetainOwnStatusAndHeartbeat',
          Effect: 'Allow',
          Action: ['iot:RetainPublish'],
          Resource: [
            `${ARN}topic/amr/\${iot:Connection.Thing.ThingName}/status`,
            `${ARN}topic/amr/\${iot:Connection.Thing.ThingName}/heartbeat`,
          ],
        },
        {
          Sid: 'SubscribeOwnTopics',
          Effect: 'Allow',
          Action: ['iot:Subscribe'],
          Resource: [
            `${ARN}topicfilter/amr/\${iot:Connection.Thing.ThingName}/*`,
            `${ARN}topicfilter/$aws/things/\${iot:Connection.Thing.ThingName}/*`,
          ],
        },
      ],
    });
  });

  it('produces a document parsePolicyDocument accepts', () => {
    const document = buildDevicePolicy({ ...target, partition: 'aws-cn', region: 'cn-north-1' });
    expect(parsePolicyDocument(JSON.stringify(document))).toEqual(document);
    expect(JSON.stringify(document)).toContain('arn:aws-cn:iot:cn-north-1:123456789012:client/');
  });

  it.each<[string, unknown, string]>([
    [
      'a region name',
      { ...target, region: 'Tokyo' },
      'region: expected an AWS region such as "ap-northeast-1", received "Tokyo"',
    ],
    [
      'a short account id',
      { ...target, accountId: '1234' },
      'accountId: expected a 12-digit AWS account id, received "1234"',
    ],
    [
      'an unknown partition',
      { ...target, partition: 'aws-moon' },
      'partition: expected a partition "aws", "aws-cn" or "aws-us-gov", received "aws-moon"',
    ],
  ])('refuses %s', (_name, options, message) => {
    const error = failure(() => buildDevicePolicy(options as never));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe(`Invalid buildDevicePolicy options: ${message}`);
    expect(error.cause).toBeInstanceOf(ZodError);
  });
});

describe('buildBrowserPolicy', () => {
  it('produces design 4.1 for the allowed robots, with identity-prefixed client ids', () => {
    const document = buildBrowserPolicy({
      ...target,
      thingNames: ['AMR-001', 'AMR-002', 'AMR-001'],
    });
    const [connect, subscribe, publish] = statements(document);
    expect(connect).toEqual({
      Sid: 'ConnectWithIdentityPrefixedClientId',
      Effect: 'Allow',
      Action: ['iot:Connect'],
      Resource: [`${ARN}client/\${cognito-identity.amazonaws.com:sub}-*`],
      Condition: { StringLike: { 'iot:ClientId': '${cognito-identity.amazonaws.com:sub}-*' } },
    });
    expect(subscribe?.Resource).toEqual([
      `${ARN}topicfilter/amr/AMR-001/*`,
      `${ARN}topicfilter/$aws/things/AMR-001/*`,
      `${ARN}topicfilter/amr/AMR-002/*`,
      `${ARN}topicfilter/$aws/things/AMR-002/*`,
    ]);
    expect(publish?.Action).toEqual(['iot:Publish', 'iot:Receive']);
    expect(publish?.Resource).toEqual([
      `${ARN}topic/amr/AMR-001/*`,
      `${ARN}topic/$aws/things/AMR-001/*`,
      `${ARN}topic/amr/AMR-002/*`,
      `${ARN}topic/$aws/things/AMR-002/*`,
    ]);
    expect(JSON.stringify(document)).not.toContain('RetainPublish');
  });

  it('covers every robot with "*"', () => {
    const [, subscribe] = statements(buildBrowserPolicy({ ...target, thingNames: '*' }));
    expect(subscribe?.Resource).toEqual([
      `${ARN}topicfilter/amr/*/*`,
      `${ARN}topicfilter/$aws/things/*/*`,
    ]);
  });

  it.each<[string, unknown, string]>([
    [
      'a thing name with a slash',
      ['AMR/1'],
      'thingNames[0]: Expected a thing name [a-zA-Z0-9:_-]{1,128}, received "AMR/1"',
    ],
    [
      'an MQTT wildcard as thing name',
      ['AMR-001', '+'],
      'thingNames[1]: Expected a thing name [a-zA-Z0-9:_-]{1,128}, received "+"',
    ],
    ['no thing names', [], 'thingNames: expected at least one thing name, received an empty array'],
  ])('refuses %s', (_name, thingNames, message) => {
    const error = failure(() =>
      buildBrowserPolicy({ ...target, thingNames: thingNames as string[] }),
    );
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain(`Invalid buildBrowserPolicy options: ${message}`);
  });
});

describe('buildClaimPolicy', () => {
  it('defaults to both certificate methods in json, requests published, answers received', () => {
    const [connect, publish, receive, subscribe] = statements(
      buildClaimPolicy({ ...target, templateName: 'amr-fleet' }),
    );
    expect(connect).toEqual({
      Sid: 'ConnectClaim',
      Effect: 'Allow',
      Action: ['iot:Connect'],
      Resource: [`${ARN}client/*`],
    });
    expect(publish?.Action).toEqual(['iot:Publish']);
    expect(publish?.Resource).toEqual([
      `${ARN}topic/$aws/certificates/create/json`,
      `${ARN}topic/$aws/certificates/create-from-csr/json`,
      `${ARN}topic/$aws/provisioning-templates/amr-fleet/provision/json`,
    ]);
    expect(receive?.Action).toEqual(['iot:Receive']);
    expect(receive?.Resource).toEqual([
      `${ARN}topic/$aws/certificates/create/json/accepted`,
      `${ARN}topic/$aws/certificates/create/json/rejected`,
      `${ARN}topic/$aws/certificates/create-from-csr/json/accepted`,
      `${ARN}topic/$aws/certificates/create-from-csr/json/rejected`,
      `${ARN}topic/$aws/provisioning-templates/amr-fleet/provision/json/accepted`,
      `${ARN}topic/$aws/provisioning-templates/amr-fleet/provision/json/rejected`,
    ]);
    expect(subscribe?.Action).toEqual(['iot:Subscribe']);
    expect(subscribe?.Resource).toEqual(
      (receive?.Resource as string[]).map((arn) => arn.replace(':topic/', ':topicfilter/')),
    );
  });

  it('limits itself to the chosen method and formats', () => {
    const [, publish] = statements(
      buildClaimPolicy({
        ...target,
        templateName: 'amr-fleet',
        methods: ['CreateCertificateFromCsr'],
        formats: ['cbor', 'json'],
      }),
    );
    expect(publish?.Resource).toEqual([
      `${ARN}topic/$aws/certificates/create-from-csr/cbor`,
      `${ARN}topic/$aws/certificates/create-from-csr/json`,
      `${ARN}topic/$aws/provisioning-templates/amr-fleet/provision/cbor`,
      `${ARN}topic/$aws/provisioning-templates/amr-fleet/provision/json`,
    ]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a bad template name',
      { templateName: 'amr fleet' },
      'templateName: Expected a provisioning template name [0-9A-Za-z_-]{1,36}, received "amr fleet"',
    ],
    [
      'an unknown method',
      { templateName: 't', methods: ['RegisterThing'] },
      'methods[0]: expected one of CreateKeysAndCertificate, CreateCertificateFromCsr, received "RegisterThing"',
    ],
    [
      'an unknown format',
      { templateName: 't', formats: ['xml'] },
      'formats[0]: expected one of json, cbor, received "xml"',
    ],
    [
      'no methods',
      { templateName: 't', methods: [] },
      'methods: expected at least one method, received an empty array',
    ],
  ])('refuses %s', (_name, options, message) => {
    const error = failure(() => buildClaimPolicy({ ...target, ...options } as never));
    expect(error.message).toBe(`Invalid buildClaimPolicy options: ${message}`);
  });
});

describe('buildTrustedUserRolePolicy', () => {
  it('allows CreateProvisioningClaim on the one template', () => {
    expect(buildTrustedUserRolePolicy({ ...target, templateName: 'amr-fleet' })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'CreateProvisioningClaimForTemplate',
          Effect: 'Allow',
          Action: ['iot:CreateProvisioningClaim'],
          Resource: [`${ARN}provisioningtemplate/amr-fleet`],
        },
      ],
    });
  });

  it('refuses a template name with a wildcard', () => {
    expect(
      failure(() => buildTrustedUserRolePolicy({ ...target, templateName: '*' })).message,
    ).toContain(
      'templateName: Expected a provisioning template name [0-9A-Za-z_-]{1,36}, received "*"',
    );
  });
});

describe('thingScopedTopic', () => {
  it('places any text where the builder puts the thing name', () => {
    const build = (thing: string) => `$aws/things/${thing}/shadow`;
    expect(thingScopedTopic(build, '${iot:Connection.Thing.ThingName}')).toBe(
      '$aws/things/${iot:Connection.Thing.ThingName}/shadow',
    );
    expect(thingScopedTopic(build, '*', true)).toBe('$aws/things/*');
  });

  it('refuses a builder that does not write the thing name exactly once', () => {
    expect(() => thingScopedTopic(() => 'fixed', 'x')).toThrow(PolicyError);
    expect(() => thingScopedTopic((thing) => `${thing}/${thing}`, 'x')).toThrow(
      /expected the thing name exactly once/,
    );
  });

  it('lets a topic builder error through when the placeholder is refused', () => {
    expect(() =>
      thingScopedTopic(() => {
        throw new TopicError('INVALID_THING_NAME', 'no');
      }, 'x'),
    ).toThrow(TopicError);
  });
});
