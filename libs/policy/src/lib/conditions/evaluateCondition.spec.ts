import { createContextView } from '../context/createContextView.js';
import type { RequestContext } from '../context/schemas.js';
import type { ConditionBlock } from '../document/schemas.js';
import { compileConditions } from './compileConditions.js';
import { evaluateCondition } from './evaluateCondition.js';

type Values = ConditionBlock[string][string];

function check(operator: string, key: string, values: Values, context: RequestContext): boolean {
  const [condition] = compileConditions({ [operator]: { [key]: values } });
  if (condition === undefined) {
    throw new Error('no condition compiled');
  }
  return evaluateCondition(condition, createContextView(context));
}

const K = 'test:Key';
const present = (value: RequestContext[string]): RequestContext => ({ [K]: value });
const missing: RequestContext = {};

describe('evaluateCondition: every operator, with IfExists and missing keys', () => {
  // [operator, policy values, request value, matches, mismatches]
  const cases: [string, Values, RequestContext[string], RequestContext[string]][] = [
    ['StringEquals', ['a', 'AbC'], 'AbC', 'abc'],
    ['StringNotEquals', ['a', 'b'], 'c', 'b'],
    ['StringEqualsIgnoreCase', 'AbC', 'aBc', 'abd'],
    ['StringNotEqualsIgnoreCase', ['AbC', 'x'], 'abd', 'ABC'],
    ['StringLike', ['dev-*', 'AMR-00?'], 'AMR-007', 'AMR-0077'],
    ['StringNotLike', ['dev-*', 'AMR-00?'], 'AMR-0077', 'dev-1'],
    ['NumericEquals', ['10', 2], '2', '3'],
    ['NumericNotEquals', ['10', '2'], 3, 10],
    ['NumericLessThan', '10', 9.5, 10],
    ['NumericLessThanEquals', '10', 10, 10.01],
    ['NumericGreaterThan', 10, '11', '10'],
    ['NumericGreaterThanEquals', '10', 10, '9'],
    ['Bool', 'true', true, false],
    [
      'ArnEquals',
      'arn:aws:iot:*:123456789012:thing/AMR-*',
      'arn:aws:iot:ap-northeast-1:123456789012:thing/AMR-1',
      'arn:aws:iot:ap-northeast-1:999999999999:thing/AMR-1',
    ],
    [
      'ArnLike',
      'arn:aws:iot:*:123456789012:thing/AMR-*',
      'arn:aws:iot:us-east-1:123456789012:thing/AMR-2',
      'arn:aws:iot:us-east-1:123456789012:thing/X',
    ],
    [
      'ArnNotEquals',
      'arn:aws:iot:*:123456789012:thing/AMR-*',
      'arn:aws:iot:us-east-1:123456789012:thing/X',
      'arn:aws:iot:us-east-1:123456789012:thing/AMR-2',
    ],
    [
      'ArnNotLike',
      'arn:aws:iot:*:123456789012:thing/AMR-*',
      'arn:aws:iot:us-east-1:1:thing/AMR-2',
      'arn:aws:iot:us-east-1:123456789012:thing/AMR-2',
    ],
    ['IpAddress', ['203.0.113.0/24', '2001:db8::/32'], '2001:db8:1::5', '198.51.100.1'],
    ['NotIpAddress', ['203.0.113.0/24', '2001:db8::/32'], '198.51.100.1', '203.0.113.9'],
  ];
  const negated = new Set([
    'StringNotEquals',
    'StringNotEqualsIgnoreCase',
    'StringNotLike',
    'NumericNotEquals',
    'ArnNotEquals',
    'ArnNotLike',
    'NotIpAddress',
  ]);

  describe.each(cases)('%s', (operator, values, match, mismatch) => {
    it('is true for a matching request value', () => {
      expect(check(operator, K, values, present(match))).toBe(true);
    });
    it('is false for a request value that does not match', () => {
      expect(check(operator, K, values, present(mismatch))).toBe(false);
    });
    it(`is ${String(negated.has(operator))} when the key is missing`, () => {
      expect(check(operator, K, values, missing)).toBe(negated.has(operator));
    });
    it('with IfExists is true when the key is missing', () => {
      expect(check(`${operator}IfExists`, K, values, missing)).toBe(true);
    });
    it('with IfExists still tests a present key', () => {
      expect(check(`${operator}IfExists`, K, values, present(match))).toBe(true);
      expect(check(`${operator}IfExists`, K, values, present(mismatch))).toBe(false);
    });
  });

  it('Null "true" holds when the key is missing, "false" when it is present', () => {
    expect(check('Null', K, 'true', missing)).toBe(true);
    expect(check('Null', K, 'true', present('x'))).toBe(false);
    expect(check('Null', K, false, present('x'))).toBe(true);
    expect(check('Null', K, 'false', missing)).toBe(false);
  });

  it('ORs the values of positive operators and NORs those of negated ones', () => {
    expect(check('StringEquals', K, ['a', 'b'], present('b'))).toBe(true);
    expect(check('StringNotEquals', K, ['a', 'b'], present('b'))).toBe(false);
    expect(check('StringNotEquals', K, ['a', 'b'], present('c'))).toBe(true);
  });

  it('compares Bool case-insensitively and numbers only when both sides are numbers', () => {
    expect(check('Bool', K, 'TRUE', present(true))).toBe(true);
    expect(check('Bool', K, true, present('false'))).toBe(false);
    expect(check('NumericEquals', K, '1', present('one'))).toBe(false);
    expect(check('NumericEquals', K, 'one', present('1'))).toBe(false);
    expect(check('NumericLessThan', K, '5', present(''))).toBe(false);
  });

  it('refuses ARN operators on request values that are not ARNs', () => {
    expect(check('ArnLike', K, '*', present('not-an-arn'))).toBe(false);
    expect(check('StringLike', K, '*', present('not-an-arn'))).toBe(true);
  });

  it('is case-sensitive for StringEquals and StringLike', () => {
    expect(check('StringEquals', K, 'AMR-001', present('amr-001'))).toBe(false);
    expect(check('StringLike', K, 'AMR-*', present('amr-001'))).toBe(false);
  });

  it('finds condition keys case-insensitively', () => {
    expect(check('StringEquals', 'IOT:CLIENTID', 'c1', { 'iot:ClientId': 'c1' })).toBe(true);
  });
});

describe('evaluateCondition: multivalued keys (iot:ConnectAttributes)', () => {
  const key = 'iot:ConnectAttributes';
  it('ForAllValues holds when every request value is listed', () => {
    expect(
      check('ForAllValues:StringEquals', key, ['PersistentConnect', 'LastWill'], {
        [key]: ['LastWill'],
      }),
    ).toBe(true);
    expect(
      check('ForAllValues:StringEquals', key, ['PersistentConnect'], {
        [key]: ['PersistentConnect', 'LastWill'],
      }),
    ).toBe(false);
  });
  it('ForAllValues holds for an empty or missing set', () => {
    expect(check('ForAllValues:StringEquals', key, ['LastWill'], { [key]: [] })).toBe(true);
    expect(check('ForAllValues:StringEquals', key, ['LastWill'], {})).toBe(true);
  });
  it('ForAnyValue holds when one request value is listed, never for an empty or missing set', () => {
    expect(
      check('ForAnyValue:StringEquals', key, ['LastWill'], {
        [key]: ['PersistentConnect', 'LastWill'],
      }),
    ).toBe(true);
    expect(
      check('ForAnyValue:StringEquals', key, ['LastWill'], { [key]: ['PersistentConnect'] }),
    ).toBe(false);
    expect(check('ForAnyValue:StringEquals', key, ['LastWill'], { [key]: [] })).toBe(false);
    expect(check('ForAnyValue:StringEquals', key, ['LastWill'], {})).toBe(false);
  });
  it('applies negated operators per request value', () => {
    expect(
      check('ForAllValues:StringNotEquals', key, ['LastWill'], { [key]: ['PersistentConnect'] }),
    ).toBe(true);
    expect(
      check('ForAllValues:StringNotEquals', key, ['LastWill'], {
        [key]: ['PersistentConnect', 'LastWill'],
      }),
    ).toBe(false);
    expect(
      check('ForAnyValue:StringNotEquals', key, ['LastWill'], {
        [key]: ['PersistentConnect', 'LastWill'],
      }),
    ).toBe(true);
    expect(check('ForAnyValue:StringNotEquals', key, ['LastWill'], { [key]: ['LastWill'] })).toBe(
      false,
    );
  });
  it('without a qualifier, a positive operator needs one match and a negated one none', () => {
    expect(
      check('StringEquals', key, 'LastWill', { [key]: ['PersistentConnect', 'LastWill'] }),
    ).toBe(true);
    expect(
      check('StringNotEquals', key, 'LastWill', { [key]: ['PersistentConnect', 'LastWill'] }),
    ).toBe(false);
  });
  it('a qualified operator with IfExists is true when the key is missing', () => {
    expect(check('ForAnyValue:StringLikeIfExists', key, ['Last*'], {})).toBe(true);
  });
});

describe('evaluateCondition: policy variables in values', () => {
  const device: RequestContext = {
    'iot:ClientId': 'AMR-001',
    'iot:Connection.Thing.ThingName': 'AMR-001',
  };
  it('substitutes variables for string, ARN and Bool operators', () => {
    expect(check('StringEquals', 'iot:ClientId', '${iot:Connection.Thing.ThingName}', device)).toBe(
      true,
    );
    expect(check('StringLike', 'iot:ClientId', '${iot:Connection.Thing.ThingName}*', device)).toBe(
      true,
    );
    expect(
      check('ArnLike', 'x:arn', 'arn:aws:iot:*:*:thing/${iot:ClientId}', {
        ...device,
        'x:arn': 'arn:aws:iot:r:1:thing/AMR-001',
      }),
    ).toBe(true);
    expect(check('Bool', 'x:flag', '${x:expected}', { 'x:flag': true, 'x:expected': 'true' })).toBe(
      true,
    );
  });
  it('treats a substituted value literally', () => {
    expect(
      check('StringLike', 'iot:ClientId', 'x-${x:v}', { 'iot:ClientId': 'x-abc', 'x:v': '*' }),
    ).toBe(false);
    expect(
      check('StringLike', 'iot:ClientId', 'x-${x:v}', { 'iot:ClientId': 'x-*', 'x:v': '*' }),
    ).toBe(true);
  });
  it('makes the entry false when a variable cannot be resolved, even for negated operators', () => {
    expect(
      check('StringEquals', 'iot:ClientId', '${iot:Connection.Thing.ThingName}', {
        'iot:ClientId': 'AMR-001',
      }),
    ).toBe(false);
    expect(
      check('StringNotEquals', 'iot:ClientId', '${iot:Connection.Thing.ThingName}', {
        'iot:ClientId': 'AMR-001',
      }),
    ).toBe(false);
  });
  it('does not substitute for numeric operators', () => {
    expect(check('NumericEquals', 'x:n', '${x:m}', { 'x:n': 1, 'x:m': 1 })).toBe(false);
  });
  it('compiles one entry per operator and key', () => {
    expect(
      compileConditions({ StringEquals: { a: 'x', b: ['y', 'z'] }, Bool: { c: true } }),
    ).toHaveLength(3);
  });
});
