import { PolicyError } from '@iot-gateway-net/policy';
import { ProvisioningTemplateError } from '../errors/ProvisioningTemplateError.js';
import { parseTemplate } from './parseTemplate.js';

const THING = { Type: 'AWS::IoT::Thing', Properties: { ThingName: { Ref: 'Serial' } } };

/** A minimal valid template with `patch` merged over its top level. */
function template(patch: Record<string, unknown> = {}): string {
  return JSON.stringify({
    Parameters: { Serial: { Type: 'String' } },
    Resources: { thing: THING },
    ...patch,
  });
}

/** A template whose thing name is `thingName`. */
function withThingName(thingName: unknown, patch: Record<string, unknown> = {}): string {
  return template({
    Resources: { thing: { Type: 'AWS::IoT::Thing', Properties: { ThingName: thingName } } },
    ...patch,
  });
}

function parseError(body: string): ProvisioningTemplateError {
  try {
    parseTemplate(body);
  } catch (error) {
    if (error instanceof ProvisioningTemplateError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected parseTemplate to throw');
}

describe('parseTemplate: size and syntax', () => {
  it('accepts a body of exactly 10,240 characters and refuses one more', () => {
    const base = template();
    const padded = `${base}${' '.repeat(10_240 - base.length)}`;
    expect(padded).toHaveLength(10_240);
    expect(parseTemplate(padded).thing?.logicalId).toBe('thing');
    const error = parseError(`${padded} `);
    expect(error.code).toBe('TEMPLATE_TOO_LARGE');
    expect(error.message).toBe('Template body has 10241 characters, expected at most 10240');
  });

  it('refuses text that is not JSON, keeping the syntax error as cause', () => {
    const error = parseError('{"Resources": ');
    expect(error.code).toBe('INVALID_TEMPLATE');
    expect(error.message).toContain('expected JSON text');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('refuses JSON that is not an object, and a template without Resources', () => {
    expect(parseError('[]').message).toContain('received an empty array, expected a JSON object');
    expect(parseError('{}').message).toContain('Invalid template at Resources: received nothing');
  });
});

describe('parseTemplate: unsupported constructs are refused, naming construct and path', () => {
  const cases: [string, string, string, string][] = [
    ['a Conditions section', template({ Conditions: {} }), 'Conditions', 'section "Conditions"'],
    ['an Outputs section', template({ Outputs: {} }), 'Outputs', 'section "Outputs"'],
    [
      'AWSTemplateFormatVersion',
      template({ AWSTemplateFormatVersion: '2010-09-09' }),
      'AWSTemplateFormatVersion',
      '"AWSTemplateFormatVersion"',
    ],
    [
      'Fn::If',
      withThingName({ 'Fn::If': ['c', 'a', 'b'] }),
      'Resources.thing.Properties.ThingName',
      'intrinsic function "Fn::If"',
    ],
    [
      'Fn::GetAtt',
      withThingName({ 'Fn::GetAtt': ['certificate', 'Id'] }),
      'Resources.thing.Properties.ThingName',
      'intrinsic function "Fn::GetAtt"',
    ],
    [
      'Fn::Base64 nested in Fn::Join',
      withThingName({ 'Fn::Join': ['', ['a', { 'Fn::Base64': 'x' }]] }),
      'Resources.thing.Properties.ThingName["Fn::Join"][1][1]',
      'intrinsic function "Fn::Base64"',
    ],
    [
      'a resource Condition',
      template({ Resources: { thing: { ...THING, Condition: 'c' } } }),
      'Resources.thing.Condition',
      'resource attribute "Condition"',
    ],
    [
      'DependsOn',
      template({ Resources: { thing: { ...THING, DependsOn: 'x' } } }),
      'Resources.thing.DependsOn',
      'resource attribute "DependsOn"',
    ],
    [
      'an unknown resource type',
      template({
        Resources: { thing: THING, bucket: { Type: 'AWS::S3::Bucket', Properties: {} } },
      }),
      'Resources.bucket.Type',
      'resource type "AWS::S3::Bucket"',
    ],
    [
      'an unknown thing property',
      template({
        Resources: {
          thing: { Type: 'AWS::IoT::Thing', Properties: { ThingName: 'a', Color: 'red' } },
        },
      }),
      'Resources.thing.Properties.Color',
      'thing property "Color"',
    ],
    [
      'PackageVersions',
      template({
        Resources: {
          thing: { Type: 'AWS::IoT::Thing', Properties: { ThingName: 'a', PackageVersions: 'p' } },
        },
      }),
      'Resources.thing.Properties.PackageVersions',
      '"PackageVersions"',
    ],
    [
      'CertificateSigningRequest',
      template({
        Resources: {
          certificate: {
            Type: 'AWS::IoT::Certificate',
            Properties: { CertificateSigningRequest: 'csr' },
          },
        },
      }),
      'Resources.certificate.Properties.CertificateSigningRequest',
      '"CertificateSigningRequest"',
    ],
    [
      'OverrideSettings on a policy',
      template({
        Resources: {
          policy: {
            Type: 'AWS::IoT::Policy',
            Properties: { PolicyName: 'p' },
            OverrideSettings: {},
          },
        },
      }),
      'Resources.policy.OverrideSettings',
      'not available for policy resources',
    ],
    [
      'an OverrideSettings property AWS does not list',
      template({
        Resources: { thing: { ...THING, OverrideSettings: { BillingGroup: 'REPLACE' } } },
      }),
      'Resources.thing.OverrideSettings.BillingGroup',
      'OverrideSettings property "BillingGroup"',
    ],
    [
      'a Ref to an undeclared parameter',
      withThingName({ Ref: 'Nope' }),
      'Resources.thing.Properties.ThingName.Ref',
      'Ref to "Nope", which is not declared in Parameters',
    ],
    [
      'a Ref to a resource',
      withThingName({ Ref: 'thing' }),
      'Resources.thing.Properties.ThingName.Ref',
      'Ref to resource "thing"',
    ],
    [
      'a Ref to AWS::Region',
      withThingName({ Ref: 'AWS::Region' }),
      'Resources.thing.Properties.ThingName.Ref',
      'pseudo-parameter "AWS::Region"',
    ],
    [
      'an Fn::Sub variable that is not declared',
      withThingName({ 'Fn::Sub': 'x-${Nope}' }),
      'Resources.thing.Properties.ThingName["Fn::Sub"]',
      'Fn::Sub variable ${Nope} refers to "Nope"',
    ],
    [
      'an Fn::Sub resource attribute',
      withThingName({ 'Fn::Sub': '${certificate.Id}' }),
      'Resources.thing.Properties.ThingName["Fn::Sub"]',
      '"${certificate.Id}" is a resource attribute (Fn::GetAtt)',
    ],
    [
      'a parameter type other than String',
      template({ Parameters: { Serial: { Type: 'Number' } } }),
      'Parameters.Serial.Type',
      'parameter type "Number"',
    ],
    [
      'a parameter attribute other than Type and Default',
      template({ Parameters: { Serial: { Type: 'String', AllowedValues: ['a'] } } }),
      'Parameters.Serial.AllowedValues',
      'parameter attribute "AllowedValues"',
    ],
    [
      'a declared AWS:: parameter that is not an IoT pseudo-parameter',
      template({
        Parameters: { Serial: { Type: 'String' }, 'AWS::AccountId': { Type: 'String' } },
      }),
      'Parameters["AWS::AccountId"]',
      'pseudo-parameter "AWS::AccountId"',
    ],
    [
      'an intrinsic function in Mappings',
      template({ Mappings: { M: { top: { k: { Ref: 'Serial' } } } } }),
      'Mappings.M.top.k',
      'intrinsic function "Ref" is not allowed in Mappings',
    ],
  ];

  it.each(cases)('refuses %s', (_name, body, path, construct) => {
    const error = parseError(body);
    expect(error.code).toBe('UNSUPPORTED_CONSTRUCT');
    expect(error.message).toContain(`at ${path}:`);
    expect(error.message).toContain(construct);
  });
});

describe('parseTemplate: malformed constructs', () => {
  const cases: [string, string, string][] = [
    [
      'Fn::Join with one argument',
      withThingName({ 'Fn::Join': [''] }),
      'Fn::Join takes [delimiter, [values]]',
    ],
    [
      'Fn::Join with a computed delimiter',
      withThingName({ 'Fn::Join': [{ Ref: 'Serial' }, ['a']] }),
      'Fn::Join delimiter must be a literal string, received Ref',
    ],
    [
      'Fn::Join over a string',
      withThingName({ 'Fn::Join': ['', 'abc'] }),
      'expected a list of values',
    ],
    [
      'Fn::Select with a negative index',
      withThingName({ 'Fn::Select': [-1, ['a']] }),
      'index number -1 is not a non-negative integer',
    ],
    [
      'Fn::Select out of bounds of a literal list',
      withThingName({ 'Fn::Select': [2, ['a', 'b']] }),
      'index 2 is out of bounds, expected 0 to 1',
    ],
    [
      'Fn::Split with an empty delimiter',
      withThingName({ 'Fn::Select': [0, { 'Fn::Split': ['', 'a'] }] }),
      'Fn::Split delimiter is empty',
    ],
    [
      'Fn::Split where a string is expected',
      withThingName({ 'Fn::Split': [',', 'a,b'] }),
      'received Fn::Split (a list), expected a thing name',
    ],
    [
      'Fn::FindInMap of an unknown mapping',
      withThingName({ 'Fn::FindInMap': ['Nope', 'a', 'b'] }),
      'names mapping "Nope", which is not in Mappings',
    ],
    [
      'Fn::FindInMap of an unknown literal key',
      withThingName(
        { 'Fn::FindInMap': ['M', 'top', 'nope'] },
        { Mappings: { M: { top: { k: 'v' } } } },
      ),
      'second-level key "nope" is not in mapping "M" under "top"',
    ],
    [
      'Fn::Sub with an unclosed variable',
      withThingName({ 'Fn::Sub': 'a-${Serial' }),
      'without a closing "}"',
    ],
    [
      'an intrinsic object with a second key',
      withThingName({ Ref: 'Serial', Other: 1 }),
      'exactly one key',
    ],
    [
      'a Ref with a computed name',
      withThingName({ Ref: { Ref: 'Serial' } }),
      'Ref must be a literal string, received Ref',
    ],
    [
      'a thing without ThingName',
      template({ Resources: { thing: { Type: 'AWS::IoT::Thing', Properties: {} } } }),
      'thing has no ThingName',
    ],
    ['an invalid literal thing name', withThingName('a/b'), 'Unexpected thing name "a/b"'],
    [
      'two things',
      template({ Resources: { a: THING, b: THING } }),
      'a second AWS::IoT::Thing (first is "a")',
    ],
    [
      'a certificate with both CertificateId and CertificatePem',
      template({
        Resources: {
          c: {
            Type: 'AWS::IoT::Certificate',
            Properties: { CertificateId: 'x', CertificatePem: 'y' },
          },
        },
      }),
      'both CertificateId and CertificatePem, expected exactly one',
    ],
    [
      'a certificate status other than ACTIVE / INACTIVE',
      template({
        Resources: {
          c: {
            Type: 'AWS::IoT::Certificate',
            Properties: { CertificateId: 'x', Status: 'REVOKED' },
          },
        },
      }),
      'received "REVOKED", expected ACTIVE or INACTIVE',
    ],
    [
      'a policy with both PolicyName and PolicyDocument',
      template({
        Resources: {
          p: { Type: 'AWS::IoT::Policy', Properties: { PolicyName: 'n', PolicyDocument: '{}' } },
        },
      }),
      'both PolicyName and PolicyDocument, expected exactly one',
    ],
    [
      'a policy with neither',
      template({ Resources: { p: { Type: 'AWS::IoT::Policy', Properties: {} } } }),
      'neither PolicyName nor PolicyDocument',
    ],
    [
      'a nested DeviceConfiguration value',
      template({ DeviceConfiguration: { a: { b: 'c' } } }),
      'received an object, expected a string (DeviceConfiguration is a flat string map)',
    ],
    [
      'a parameter Default that is not a string',
      template({ Parameters: { Serial: { Type: 'String', Default: 1 } } }),
      'received number 1, expected a string',
    ],
    [
      'a mapping value that is an object',
      template({ Mappings: { M: { top: { k: { deep: 'v' } } } } }),
      'expected a string or a list of strings',
    ],
  ];

  it.each(cases)('refuses %s', (_name, body, message) => {
    const error = parseError(body);
    expect(error.code).toBe('INVALID_TEMPLATE');
    expect(error.message).toContain(message);
  });

  it('refuses values nested deeper than 64 levels', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i += 1) {
      deep = [deep];
    }
    const error = parseError(template({ DeviceConfiguration: { a: deep } }));
    expect(error.code).toBe('INVALID_TEMPLATE');
    expect(error.message).toContain('nested deeper than 64 levels');
  });

  it('checks a literal policy document statically, with the PolicyError as cause', () => {
    const body = template({
      Resources: {
        p: { Type: 'AWS::IoT::Policy', Properties: { PolicyDocument: '{"Version":"2012-10-17"}' } },
      },
    });
    const error = parseError(body);
    expect(error.code).toBe('INVALID_TEMPLATE');
    expect(error.message).toContain('Resources.p.Properties.PolicyDocument');
    expect(error.cause).toBeInstanceOf(PolicyError);
  });
});

describe('parseTemplate: override settings', () => {
  it('reads every action for a thing and Status for a certificate', () => {
    for (const action of ['DO_NOTHING', 'REPLACE', 'FAIL', 'MERGE'] as const) {
      const parsed = parseTemplate(
        template({
          Resources: {
            thing: {
              ...THING,
              OverrideSettings: { AttributePayload: action, ThingGroups: action },
            },
          },
        }),
      );
      expect(parsed.thing?.overrideSettings).toEqual({
        attributePayload: action,
        thingGroups: action,
      });
    }
    for (const action of ['DO_NOTHING', 'REPLACE', 'FAIL'] as const) {
      const parsed = parseTemplate(
        template({
          Resources: {
            thing: { ...THING, OverrideSettings: { ThingTypeName: action } },
            c: {
              Type: 'AWS::IoT::Certificate',
              Properties: { CertificateId: 'x' },
              OverrideSettings: { Status: action },
            },
          },
        }),
      );
      expect(parsed.thing?.overrideSettings).toEqual({ thingTypeName: action });
      expect(parsed.certificate?.overrideSettings).toEqual({ status: action });
    }
  });

  it('refuses MERGE for ThingTypeName and for a certificate Status', () => {
    const thingType = parseError(
      template({
        Resources: { thing: { ...THING, OverrideSettings: { ThingTypeName: 'MERGE' } } },
      }),
    );
    expect(thingType.code).toBe('INVALID_TEMPLATE');
    expect(thingType.message).toContain(
      'Resources.thing.OverrideSettings.ThingTypeName: MERGE is only valid',
    );
    const status = parseError(
      template({
        Resources: {
          c: {
            Type: 'AWS::IoT::Certificate',
            Properties: { CertificateId: 'x' },
            OverrideSettings: { Status: 'MERGE' },
          },
        },
      }),
    );
    expect(status.message).toContain('MERGE is only valid');
  });

  it('refuses an unknown action', () => {
    const error = parseError(
      template({ Resources: { thing: { ...THING, OverrideSettings: { ThingGroups: 'UPSERT' } } } }),
    );
    expect(error.code).toBe('INVALID_TEMPLATE');
    expect(error.message).toContain(
      'received "UPSERT", expected one of DO_NOTHING, REPLACE, FAIL, MERGE',
    );
  });
});

describe('parseTemplate: what it keeps', () => {
  it('keeps parameters with defaults, mappings and every policy', () => {
    const parsed = parseTemplate(
      template({
        Parameters: { Serial: { Type: 'String' }, Site: { Type: 'String', Default: 'tokyo' } },
        Mappings: { M: { tokyo: { url: 'u', list: ['a', 'b'] } } },
        Resources: {
          thing: THING,
          p1: { Type: 'AWS::IoT::Policy', Properties: { PolicyName: 'amr-device' } },
          p2: { Type: 'AWS::IoT::Policy', Properties: { PolicyName: { Ref: 'Site' } } },
        },
      }),
    );
    expect(parsed.parameters).toEqual([{ name: 'Serial' }, { name: 'Site', default: 'tokyo' }]);
    expect(parsed.mappings.get('M')?.get('tokyo')?.get('list')).toEqual(['a', 'b']);
    expect(parsed.policies.map((p) => p.logicalId)).toEqual(['p1', 'p2']);
    expect(parsed.certificate).toBeUndefined();
  });

  it('accepts a Ref to AWS::IoT::Certificate::Id without declaring it (fleet provisioning)', () => {
    const parsed = parseTemplate(
      template({
        Resources: {
          c: {
            Type: 'AWS::IoT::Certificate',
            Properties: { CertificateId: { Ref: 'AWS::IoT::Certificate::Id' } },
          },
        },
      }),
    );
    expect(parsed.certificate?.certificateId).toMatchObject({
      kind: 'ref',
      name: 'AWS::IoT::Certificate::Id',
    });
  });
});
