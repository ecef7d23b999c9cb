import { PolicyError } from '@iot-gateway-net/policy';
import { TopicError } from '@iot-gateway-net/topics';
import { ProvisioningTemplateError } from '../errors/ProvisioningTemplateError.js';
import { evaluateTemplate } from './evaluateTemplate.js';
import { parseTemplate } from './parseTemplate.js';

const CERT_ID = 'a'.repeat(64);

/** A template with one thing whose name is `thingName` (any JSON) plus `extra` sections. */
function thingTemplate(thingName: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    Parameters: { Serial: { Type: 'String' }, Csv: { Type: 'String', Default: 'a,b,c' } },
    Resources: { thing: { Type: 'AWS::IoT::Thing', Properties: { ThingName: thingName } } },
    ...extra,
  });
}

function thingNameOf(body: string, parameters: Record<string, string>): string | undefined {
  return evaluateTemplate(parseTemplate(body), { parameters, pseudoParameters: {} }).thing
    ?.thingName;
}

function evaluationError(
  body: string,
  parameters: Record<string, string>,
  pseudo = {},
): ProvisioningTemplateError {
  try {
    evaluateTemplate(parseTemplate(body), { parameters, pseudoParameters: pseudo });
  } catch (error) {
    if (error instanceof ProvisioningTemplateError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected evaluateTemplate to throw');
}

describe('evaluateTemplate: intrinsic functions', () => {
  it('resolves Ref to a parameter', () => {
    expect(thingNameOf(thingTemplate({ Ref: 'Serial' }), { Serial: 'AMR-001' })).toBe('AMR-001');
  });

  it('resolves Fn::Join, with and without a delimiter', () => {
    expect(
      thingNameOf(thingTemplate({ 'Fn::Join': ['', ['amr-', { Ref: 'Serial' }]] }), {
        Serial: '7',
      }),
    ).toBe('amr-7');
    expect(
      thingNameOf(thingTemplate({ 'Fn::Join': [':', ['a', 'b', { Ref: 'Serial' }]] }), {
        Serial: 'c',
      }),
    ).toBe('a:b:c');
  });

  it('resolves Fn::Select over a literal list, with a number or a string index', () => {
    expect(
      thingNameOf(thingTemplate({ 'Fn::Select': [1, ['apples', 'grapes', 'oranges']] }), {
        Serial: 'x',
      }),
    ).toBe('grapes');
    expect(
      thingNameOf(thingTemplate({ 'Fn::Select': ['2', ['apples', 'grapes', 'oranges']] }), {
        Serial: 'x',
      }),
    ).toBe('oranges');
  });

  it('resolves Fn::Split through Fn::Select, keeping empty strings as CloudFormation does', () => {
    const body = thingTemplate({ 'Fn::Select': [2, { 'Fn::Split': ['|', { Ref: 'Serial' }] }] });
    expect(thingNameOf(body, { Serial: 'a||c|' })).toBe('c');
  });

  it('resolves Fn::Join of Fn::Select of Fn::Split (nesting)', () => {
    const body = thingTemplate({
      'Fn::Join': [
        '-',
        [
          { 'Fn::Select': [0, { 'Fn::Split': [',', { Ref: 'Csv' }] }] },
          { 'Fn::Select': ['2', { 'Fn::Split': [',', { Ref: 'Csv' }] }] },
          { Ref: 'Serial' },
        ],
      ],
    });
    expect(thingNameOf(body, { Serial: '42' })).toBe('a-c-42');
    expect(thingNameOf(body, { Serial: '42', Csv: 'x,y,z' })).toBe('x-z-42');
  });

  it('resolves Fn::Join over a list produced by Fn::Split', () => {
    const body = thingTemplate({ 'Fn::Join': ['_', { 'Fn::Split': [',', { Ref: 'Csv' }] }] });
    expect(thingNameOf(body, { Serial: 'x' })).toBe('a_b_c');
  });

  it('resolves Fn::FindInMap with Refs for its keys, and lists stored in a mapping', () => {
    const mappings = {
      Sites: {
        tokyo: { Prefix: 'tyo', Lines: ['L1', 'L2'] },
        osaka: { Prefix: 'osa', Lines: ['L9'] },
      },
    };
    const body = JSON.stringify({
      Parameters: {
        Site: { Type: 'String' },
        Key: { Type: 'String', Default: 'Prefix' },
        Serial: { Type: 'String' },
      },
      Mappings: mappings,
      Resources: {
        thing: {
          Type: 'AWS::IoT::Thing',
          Properties: {
            ThingName: {
              'Fn::Join': [
                '-',
                [
                  { 'Fn::FindInMap': ['Sites', { Ref: 'Site' }, { Ref: 'Key' }] },
                  { Ref: 'Serial' },
                ],
              ],
            },
            ThingGroups: { 'Fn::FindInMap': ['Sites', { Ref: 'Site' }, 'Lines'] },
          },
        },
      },
    });
    const plan = evaluateTemplate(parseTemplate(body), {
      parameters: { Site: 'osaka', Serial: '1' },
      pseudoParameters: {},
    });
    expect(plan.thing).toMatchObject({ thingName: 'osa-1', thingGroups: ['L9'] });
  });

  it('resolves Fn::Sub with parameters, the certificate id, a variable map and ${!Literal}', () => {
    const body = JSON.stringify({
      Parameters: { Serial: { Type: 'String' } },
      Resources: {
        thing: {
          Type: 'AWS::IoT::Thing',
          Properties: {
            ThingName: { 'Fn::Sub': 'amr-${Serial}' },
            AttributePayload: {
              cert: { 'Fn::Sub': '${AWS::IoT::Certificate::Id}' },
              site: {
                'Fn::Sub': ['${Site}/${Serial}', { Site: { 'Fn::Join': ['', ['ty', 'o']] } }],
              },
              literal: { 'Fn::Sub': 'keep ${!Serial} as is' },
            },
          },
        },
      },
    });
    const plan = evaluateTemplate(parseTemplate(body), {
      parameters: { Serial: '9' },
      pseudoParameters: { 'AWS::IoT::Certificate::Id': CERT_ID },
    });
    expect(plan.thing).toEqual({
      thingName: 'amr-9',
      attributePayload: { cert: CERT_ID, site: 'tyo/9', literal: 'keep ${Serial} as is' },
      overrideSettings: {},
    });
  });

  it('lets an Fn::Sub variable map shadow a parameter of the same name', () => {
    const body = thingTemplate({ 'Fn::Sub': ['${Serial}', { Serial: 'mapped' }] });
    expect(thingNameOf(body, { Serial: 'param' })).toBe('mapped');
  });

  it('fails evaluation naming the path when Fn::Select is out of bounds of a computed list', () => {
    const body = thingTemplate({ 'Fn::Select': [3, { 'Fn::Split': [',', { Ref: 'Csv' }] }] });
    const error = evaluationError(body, { Serial: 'x' });
    expect(error.code).toBe('EVALUATION_FAILED');
    expect(error.message).toContain('Resources.thing.Properties.ThingName');
    expect(error.message).toContain('out of bounds of a list of 3');
  });

  it('fails evaluation when Fn::FindInMap finds nothing for computed keys', () => {
    const body = thingTemplate(
      { 'Fn::FindInMap': ['M', { Ref: 'Serial' }, 'k'] },
      { Mappings: { M: { known: { k: 'v' } } } },
    );
    expect(thingNameOf(body, { Serial: 'known' })).toBe('v');
    const error = evaluationError(body, { Serial: 'unknown' });
    expect(error.code).toBe('EVALUATION_FAILED');
    expect(error.message).toContain('["M", "unknown", "k"]');
  });

  it('fails evaluation when a mapping list is used where a string is expected', () => {
    const body = thingTemplate(
      { 'Fn::FindInMap': ['M', 'top', { Ref: 'Serial' }] },
      { Mappings: { M: { top: { s: 'name', l: ['x', 'y'] } } } },
    );
    expect(thingNameOf(body, { Serial: 's' })).toBe('name');
    expect(evaluationError(body, { Serial: 'l' }).message).toContain(
      'received a list of 2, expected a string',
    );
  });

  it('fails evaluation when a computed Fn::Select index is not a number', () => {
    const body = thingTemplate({ 'Fn::Select': [{ Ref: 'Serial' }, ['a', 'b']] });
    expect(thingNameOf(body, { Serial: '1' })).toBe('b');
    expect(evaluationError(body, { Serial: 'one' }).message).toContain(
      '"one" is not a non-negative integer',
    );
  });
});

describe('evaluateTemplate: parameters', () => {
  it('applies defaults and lets passed values win over them', () => {
    const body = thingTemplate({ 'Fn::Join': ['-', [{ Ref: 'Csv' }, { Ref: 'Serial' }]] });
    expect(thingNameOf(body.replace('a,b,c', 'site'), { Serial: '1' })).toBe('site-1');
    expect(thingNameOf(body.replace('a,b,c', 'site'), { Serial: '1', Csv: 'other' })).toBe(
      'other-1',
    );
  });

  it('refuses a declared parameter without value or default, naming it', () => {
    const error = evaluationError(thingTemplate({ Ref: 'Serial' }), {});
    expect(error.code).toBe('MISSING_PARAMETER');
    expect(error.message).toContain('"Serial"');
  });

  it('refuses a referenced pseudo-parameter the certificate did not supply', () => {
    const body = thingTemplate({ Ref: 'AWS::IoT::Certificate::CommonName' });
    const error = evaluationError(body, { Serial: 'x' });
    expect(error.code).toBe('MISSING_PARAMETER');
    expect(error.message).toContain('AWS::IoT::Certificate::CommonName');
    const plan = evaluateTemplate(parseTemplate(body), {
      parameters: { Serial: 'x' },
      pseudoParameters: { 'AWS::IoT::Certificate::CommonName': 'cn-1' },
    });
    expect(plan.thing?.thingName).toBe('cn-1');
  });

  it('ignores parameters the template does not declare', () => {
    expect(thingNameOf(thingTemplate({ Ref: 'Serial' }), { Serial: 'x', Other: 'y' })).toBe('x');
  });

  it('accepts keys of 2,048 and values of 4,096 characters and refuses longer ones', () => {
    const body = thingTemplate('fixed');
    const ok = { Serial: 'x', ['k'.repeat(2048)]: 'v'.repeat(4096) };
    expect(thingNameOf(body, ok)).toBe('fixed');
    const longKey = evaluationError(body, { Serial: 'x', ['k'.repeat(2049)]: 'v' });
    expect(longKey.code).toBe('INVALID_PARAMETER');
    expect(longKey.message).toContain('2049 characters, expected at most 2048');
    const longValue = evaluationError(body, { Serial: 'v'.repeat(4097) });
    expect(longValue.code).toBe('INVALID_PARAMETER');
    expect(longValue.message).toContain(
      'value of "Serial" has 4097 characters, expected at most 4096',
    );
  });

  it('refuses parameter values that are not strings', () => {
    const error = evaluationError(thingTemplate('fixed'), { Serial: 5 } as unknown as Record<
      string,
      string
    >);
    expect(error.code).toBe('INVALID_PARAMETER');
    expect(error.message).toContain('"Serial" is number 5, expected a string');
  });
});

describe('evaluateTemplate: resources', () => {
  it('validates the evaluated thing name with assertThingName', () => {
    const error = evaluationError(thingTemplate({ Ref: 'Serial' }), { Serial: 'a/b' });
    expect(error.code).toBe('EVALUATION_FAILED');
    expect(error.message).toContain('Unexpected thing name "a/b"');
    expect(error.cause).toBeInstanceOf(TopicError);
  });

  it('validates a computed policy document with parsePolicyDocument', () => {
    const body = JSON.stringify({
      Parameters: { Doc: { Type: 'String' } },
      Resources: {
        policy: { Type: 'AWS::IoT::Policy', Properties: { PolicyDocument: { Ref: 'Doc' } } },
      },
    });
    const good = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }],
    });
    const plan = evaluateTemplate(parseTemplate(body), {
      parameters: { Doc: good },
      pseudoParameters: {},
    });
    expect(plan.policies).toEqual([{ policyDocument: JSON.parse(good) as unknown }]);
    const error = evaluationError(body, { Doc: '{"Version":"2012-10-17","Statement":[]}' });
    expect(error.code).toBe('EVALUATION_FAILED');
    expect(error.cause).toBeInstanceOf(PolicyError);
  });

  it('substitutes intrinsic functions inside a policy document object', () => {
    const body = JSON.stringify({
      Parameters: { Serial: { Type: 'String' } },
      Resources: {
        policy: {
          Type: 'AWS::IoT::Policy',
          Properties: {
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['iot:Publish'],
                  Resource: [
                    { 'Fn::Sub': 'arn:aws:iot:ap-northeast-1:123456789012:topic/amr/${Serial}/*' },
                  ],
                },
              ],
            },
          },
        },
      },
    });
    const plan = evaluateTemplate(parseTemplate(body), {
      parameters: { Serial: 'AMR-1' },
      pseudoParameters: {},
    });
    expect(plan.policies[0]).toEqual({
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['iot:Publish'],
            Resource: ['arn:aws:iot:ap-northeast-1:123456789012:topic/amr/AMR-1/*'],
          },
        ],
      },
    });
  });

  it('defaults the certificate status to ACTIVE, reads it case-insensitively and checks computed ones', () => {
    const body = (status?: unknown): string =>
      JSON.stringify({
        Parameters: { S: { Type: 'String', Default: 'inactive' } },
        Resources: {
          certificate: {
            Type: 'AWS::IoT::Certificate',
            Properties: {
              CertificateId: { Ref: 'AWS::IoT::Certificate::Id' },
              ...(status === undefined ? {} : { Status: status }),
            },
            OverrideSettings: { Status: 'DO_NOTHING' },
          },
        },
      });
    const evaluate = (b: string, parameters: Record<string, string> = {}) =>
      evaluateTemplate(parseTemplate(b), {
        parameters,
        pseudoParameters: { 'AWS::IoT::Certificate::Id': CERT_ID },
      });
    expect(evaluate(body()).certificate).toEqual({
      certificateId: CERT_ID,
      status: 'ACTIVE',
      overrideSettings: { status: 'DO_NOTHING' },
    });
    expect(evaluate(body('Active')).certificate?.status).toBe('ACTIVE');
    expect(evaluate(body({ Ref: 'S' })).certificate?.status).toBe('INACTIVE');
    expect(() => evaluate(body({ Ref: 'S' }), { S: 'REVOKED' })).toThrow(
      /certificate status "REVOKED", expected ACTIVE or INACTIVE/,
    );
  });

  it('resolves DeviceConfiguration values and keeps override settings in the plan', () => {
    const body = JSON.stringify({
      Parameters: { Serial: { Type: 'String' } },
      Resources: {
        thing: {
          Type: 'AWS::IoT::Thing',
          Properties: {
            ThingName: { Ref: 'Serial' },
            ThingGroups: ['g1', { Ref: 'Serial' }],
            BillingGroup: 'bg',
          },
          OverrideSettings: {
            AttributePayload: 'MERGE',
            ThingTypeName: 'FAIL',
            ThingGroups: 'REPLACE',
          },
        },
      },
      DeviceConfiguration: { endpoint: 'example', serial: { Ref: 'Serial' } },
    });
    const plan = evaluateTemplate(parseTemplate(body), {
      parameters: { Serial: 'S1' },
      pseudoParameters: {},
    });
    expect(plan).toEqual({
      thing: {
        thingName: 'S1',
        thingGroups: ['g1', 'S1'],
        billingGroup: 'bg',
        overrideSettings: {
          attributePayload: 'MERGE',
          thingTypeName: 'FAIL',
          thingGroups: 'REPLACE',
        },
      },
      policies: [],
      deviceConfiguration: { endpoint: 'example', serial: 'S1' },
    });
  });
});

describe('evaluateTemplate: AWS documentation examples', () => {
  // AWS IoT Developer Guide, "Provisioning templates" → "Fleet provisioning template example".
  const fleetExample = `{
    "Parameters" : {
        "ThingName" : { "Type" : "String" },
        "SerialNumber": { "Type": "String" },
        "DeviceLocation": { "Type": "String" }
    },
    "Mappings": {
        "LocationTable": { "Seattle": { "LocationUrl": "https://example.aws" } }
    },
    "Resources" : {
        "thing" : {
            "Type" : "AWS::IoT::Thing",
            "Properties" : {
                "AttributePayload" : { "version" : "v1", "serialNumber" : "serialNumber" },
                "ThingName" : {"Ref" : "ThingName"},
                "ThingTypeName" : {"Fn::Join":["",["ThingPrefix_",{"Ref":"SerialNumber"}]]},
                "ThingGroups" : ["v1-lightbulbs", "WA"],
                "BillingGroup": "LightBulbBillingGroup"
            },
            "OverrideSettings" : {
                "AttributePayload" : "MERGE",
                "ThingTypeName" : "REPLACE",
                "ThingGroups" : "DO_NOTHING"
            }
        },
        "certificate" : {
            "Type" : "AWS::IoT::Certificate",
            "Properties" : {
                "CertificateId": {"Ref": "AWS::IoT::Certificate::Id"},
                "Status" : "Active"
            }
        },
        "policy" : {
            "Type" : "AWS::IoT::Policy",
            "Properties" : {
                "PolicyDocument" : {
                    "Version": "2012-10-17",
                    "Statement": [{
                        "Effect": "Allow",
                        "Action":["iot:Publish"],
                        "Resource": ["arn:aws:iot:us-east-1:123456789012:topic/foo/bar"]
                    }]
                }
            }
        }
    },
    "DeviceConfiguration": {
        "FallbackUrl": "https://www.example.com/test-site",
        "LocationUrl": {
            "Fn::FindInMap": ["LocationTable",{"Ref": "DeviceLocation"}, "LocationUrl"]}
        }
  }`;

  it('parses and evaluates the fleet provisioning example', () => {
    const plan = evaluateTemplate(parseTemplate(fleetExample), {
      parameters: { ThingName: 'MyLightBulb', SerialNumber: '123', DeviceLocation: 'Seattle' },
      pseudoParameters: { 'AWS::IoT::Certificate::Id': CERT_ID },
    });
    expect(plan).toEqual({
      thing: {
        thingName: 'MyLightBulb',
        attributePayload: { version: 'v1', serialNumber: 'serialNumber' },
        thingTypeName: 'ThingPrefix_123',
        thingGroups: ['v1-lightbulbs', 'WA'],
        billingGroup: 'LightBulbBillingGroup',
        overrideSettings: {
          attributePayload: 'MERGE',
          thingTypeName: 'REPLACE',
          thingGroups: 'DO_NOTHING',
        },
      },
      certificate: { certificateId: CERT_ID, status: 'ACTIVE', overrideSettings: {} },
      policies: [
        {
          policyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['iot:Publish'],
                Resource: ['arn:aws:iot:us-east-1:123456789012:topic/foo/bar'],
              },
            ],
          },
        },
      ],
      deviceConfiguration: {
        FallbackUrl: 'https://www.example.com/test-site',
        LocationUrl: 'https://example.aws',
      },
    });
  });

  it('fails the fleet example for a location the mapping lacks', () => {
    const error = evaluationError(
      fleetExample,
      { ThingName: 'b', SerialNumber: '1', DeviceLocation: 'Tokyo' },
      {
        'AWS::IoT::Certificate::Id': CERT_ID,
      },
    );
    expect(error.code).toBe('EVALUATION_FAILED');
    expect(error.message).toContain('DeviceConfiguration.LocationUrl');
  });

  // AWS IoT Developer Guide, "Just-in-time provisioning": the templateBody of the example,
  // unescaped (the PolicyDocument stays an escaped JSON string, as AWS writes it).
  const jitpExample = JSON.stringify({
    Parameters: {
      'AWS::IoT::Certificate::CommonName': { Type: 'String' },
      'AWS::IoT::Certificate::SerialNumber': { Type: 'String' },
      'AWS::IoT::Certificate::Country': { Type: 'String' },
      'AWS::IoT::Certificate::Id': { Type: 'String' },
    },
    Resources: {
      thing: {
        Type: 'AWS::IoT::Thing',
        Properties: {
          ThingName: { Ref: 'AWS::IoT::Certificate::CommonName' },
          AttributePayload: {
            version: 'v1',
            serialNumber: { Ref: 'AWS::IoT::Certificate::SerialNumber' },
          },
          ThingTypeName: 'lightBulb-versionA',
          ThingGroups: ['v1-lightbulbs', { Ref: 'AWS::IoT::Certificate::Country' }],
        },
        OverrideSettings: {
          AttributePayload: 'MERGE',
          ThingTypeName: 'REPLACE',
          ThingGroups: 'DO_NOTHING',
        },
      },
      certificate: {
        Type: 'AWS::IoT::Certificate',
        Properties: { CertificateId: { Ref: 'AWS::IoT::Certificate::Id' }, Status: 'ACTIVE' },
        OverrideSettings: { Status: 'DO_NOTHING' },
      },
      policy: {
        Type: 'AWS::IoT::Policy',
        Properties: {
          PolicyDocument:
            '{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action":["iot:Publish"], "Resource": ["arn:aws:iot:us-east-1:123456789012:topic/foo/bar"] }] }',
        },
      },
    },
  });

  const jitpPseudo = {
    'AWS::IoT::Certificate::CommonName': 'bulb-42',
    'AWS::IoT::Certificate::SerialNumber': '0A1B',
    'AWS::IoT::Certificate::Country': 'JP',
    'AWS::IoT::Certificate::Id': CERT_ID,
  };

  it('parses and evaluates the JITP example from certificate fields', () => {
    const plan = evaluateTemplate(parseTemplate(jitpExample), {
      parameters: {},
      pseudoParameters: jitpPseudo,
    });
    expect(plan).toEqual({
      thing: {
        thingName: 'bulb-42',
        attributePayload: { version: 'v1', serialNumber: '0A1B' },
        thingTypeName: 'lightBulb-versionA',
        thingGroups: ['v1-lightbulbs', 'JP'],
        overrideSettings: {
          attributePayload: 'MERGE',
          thingTypeName: 'REPLACE',
          thingGroups: 'DO_NOTHING',
        },
      },
      certificate: {
        certificateId: CERT_ID,
        status: 'ACTIVE',
        overrideSettings: { status: 'DO_NOTHING' },
      },
      policies: [
        {
          policyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['iot:Publish'],
                Resource: ['arn:aws:iot:us-east-1:123456789012:topic/foo/bar'],
              },
            ],
          },
        },
      ],
      deviceConfiguration: {},
    });
  });

  it('fails the JITP example when the certificate lacks a declared field (Country)', () => {
    const { ['AWS::IoT::Certificate::Country']: _country, ...withoutCountry } = jitpPseudo;
    const error = evaluationError(jitpExample, {}, withoutCountry);
    expect(error.code).toBe('MISSING_PARAMETER');
    expect(error.message).toContain('AWS::IoT::Certificate::Country');
  });

  it('takes pseudo-parameters only from the certificate, never from device parameters', () => {
    const { ['AWS::IoT::Certificate::CommonName']: _name, ...withoutName } = jitpPseudo;
    const error = evaluationError(
      jitpExample,
      { 'AWS::IoT::Certificate::CommonName': 'spoofed' },
      withoutName,
    );
    expect(error.code).toBe('MISSING_PARAMETER');
  });
});
