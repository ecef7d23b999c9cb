import { ZodError } from 'zod';
import { PolicyError } from '../errors/PolicyError.js';
import { parsePolicyDocument } from './parsePolicyDocument.js';

const ARN = 'arn:aws:iot:ap-northeast-1:123456789012:topic/a';

function failure(input: unknown): PolicyError {
  try {
    parsePolicyDocument(input);
  } catch (error) {
    if (error instanceof PolicyError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected parsePolicyDocument to throw');
}

describe('parsePolicyDocument', () => {
  it('accepts one statement object with string Action and Resource', () => {
    const document = {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 'iot:Publish', Resource: ARN },
    };
    expect(parsePolicyDocument(document)).toEqual(document);
  });

  it('accepts arrays, NotAction, NotResource, Sid, Id and conditions', () => {
    const document = {
      Version: '2012-10-17',
      Id: 'p1',
      Statement: [
        { Sid: 'A', Effect: 'Deny', NotAction: ['iot:Connect'], NotResource: [ARN, '*'] },
        {
          Effect: 'Allow',
          Action: ['iot:*', '*'],
          Resource: '*',
          Condition: {
            StringLike: { 'iot:ClientId': ['a-*', 'b-?'] },
            Bool: { 'iot:Connection.Thing.IsAttached': true },
            NumericLessThan: { 'x:n': 3 },
            'ForAllValues:StringEquals': { 'iot:ConnectAttributes': ['LastWill'] },
            StringEqualsIfExists: { 'aws:SourceIp': 'x' },
          },
        },
      ],
    };
    expect(parsePolicyDocument(document)).toEqual(document);
  });

  it('parses JSON text', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }],
    });
    expect(parsePolicyDocument(text).Version).toBe('2012-10-17');
  });

  it('refuses text that is not JSON', () => {
    const error = failure('{ "Version": ');
    expect(error.code).toBe('INVALID_JSON');
    expect(error.message).toMatch(/^Invalid policy document: expected JSON text/);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it.each<[string, unknown, string]>([
    [
      'a wrong Effect in an array',
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Permit', Action: 'iot:Publish', Resource: ARN }],
      },
      'Statement[0].Effect: expected "Allow" or "Deny", received "Permit"',
    ],
    [
      'a wrong Effect in a single statement',
      {
        Version: '2012-10-17',
        Statement: { Effect: 'allow', Action: 'iot:Publish', Resource: ARN },
      },
      'Statement.Effect: expected "Allow" or "Deny", received "allow"',
    ],
    [
      'an old Version',
      {
        Version: '2008-10-17',
        Statement: { Effect: 'Allow', Action: 'iot:Publish', Resource: ARN },
      },
      'Version: expected "2012-10-17", received "2008-10-17"',
    ],
    [
      'a missing Version',
      { Statement: { Effect: 'Allow', Action: 'iot:Publish', Resource: ARN } },
      'Version: expected "2012-10-17", received nothing',
    ],
    [
      'neither Action nor NotAction',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: ARN }] },
      'Statement[0].Action: expected exactly one of "Action" or "NotAction", received nothing',
    ],
    [
      'both Resource and NotResource',
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: ARN, NotResource: ARN }],
      },
      'Statement[0].NotResource: expected exactly one of "Resource" or "NotResource"',
    ],
    [
      'an action without service prefix',
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['iot:Connect', 'Publish'], Resource: ARN }],
      },
      'Statement[0].Action[1]: expected an action "*" or "service:action" such as "iot:Publish", received "Publish"',
    ],
    [
      'a resource that is not an ARN',
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: 'topic/amr/x' }],
      },
      'Statement[0].Resource: expected "*" or an ARN "arn:partition:service:region:account:resource", received "topic/amr/x"',
    ],
    [
      'a Principal',
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 'iot:Publish', Resource: ARN }],
      },
      'Statement[0]: unexpected field "Principal"',
    ],
    [
      'an unknown condition operator',
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iot:Publish',
            Resource: ARN,
            Condition: { StringMatches: { k: 'v' } },
          },
        ],
      },
      'Statement[0].Condition.StringMatches: expected a condition operator such as "StringEquals"',
    ],
    [
      'Null with IfExists',
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iot:Publish',
            Resource: ARN,
            Condition: { NullIfExists: { k: 'true' } },
          },
        ],
      },
      'received "NullIfExists"',
    ],
    [
      'an unknown set qualifier',
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iot:Publish',
            Resource: ARN,
            Condition: { 'ForSomeValues:StringLike': { k: 'v' } },
          },
        ],
      },
      'received "ForSomeValues:StringLike"',
    ],
    [
      'a condition value that is an object',
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iot:Publish',
            Resource: ARN,
            Condition: { StringEquals: { 'iot:ClientId': { a: 1 } } },
          },
        ],
      },
      'Statement[0].Condition.StringEquals["iot:ClientId"]: expected a string, number, boolean or a non-empty array of them, received an object',
    ],
    [
      'an empty Statement array',
      { Version: '2012-10-17', Statement: [] },
      'Statement: expected at least one statement, received an empty array',
    ],
    [
      'an empty Action array',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [], Resource: ARN }] },
      'Statement[0].Action: expected at least one entry, received an empty array',
    ],
    [
      'an array instead of a document',
      [],
      'document: expected a policy document object, received an empty array',
    ],
    ['null', null, 'document: expected a policy document object, received null'],
  ])('refuses %s, naming expected and received', (_name, input, message) => {
    const error = failure(input);
    expect(error.code).toBe('INVALID_DOCUMENT');
    expect(error.name).toBe('PolicyError');
    expect(error.message).toContain(message);
    expect(error.cause).toBeInstanceOf(ZodError);
  });
});
