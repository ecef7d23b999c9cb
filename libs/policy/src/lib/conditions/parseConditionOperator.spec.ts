import { parseConditionOperator } from './parseConditionOperator.js';

describe('parseConditionOperator', () => {
  it.each([
    ['StringEquals', { set: undefined, base: 'StringEquals', ifExists: false }],
    ['StringLikeIfExists', { set: undefined, base: 'StringLike', ifExists: true }],
    ['ForAllValues:StringEquals', { set: 'ForAllValues', base: 'StringEquals', ifExists: false }],
    ['ForAnyValue:ArnLikeIfExists', { set: 'ForAnyValue', base: 'ArnLike', ifExists: true }],
    ['Null', { set: undefined, base: 'Null', ifExists: false }],
  ])('reads %s', (name, expected) => {
    expect(parseConditionOperator(name)).toEqual(expected);
  });

  it.each([
    'stringequals',
    'NullIfExists',
    'DateLessThan',
    'BinaryEquals',
    'ForSome:StringLike',
    'StringEqualsIfExistsIfExists',
    '',
  ])('refuses %j', (name) => {
    expect(parseConditionOperator(name)).toBeUndefined();
  });
});
