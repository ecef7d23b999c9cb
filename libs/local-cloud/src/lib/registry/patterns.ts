// Name patterns from the AWS IoT API reference (CreateThing, CreatePolicy, AttributePayload).
// Each is written as AWS documents it, anchored, with its length bounds.

/** CreateThing `thingName`: `[a-zA-Z0-9:_-]+`, 1–128 characters. */
export const THING_NAME = {
  label: 'thing name',
  pattern: /^[a-zA-Z0-9:_-]{1,128}$/,
  expected: '[a-zA-Z0-9:_-]{1,128}',
} as const;
/** CreateThing `thingTypeName`: `[a-zA-Z0-9:_-]+`, 1–128 characters. */
export const THING_TYPE_NAME = {
  label: 'thing type name',
  pattern: /^[a-zA-Z0-9:_-]{1,128}$/,
  expected: '[a-zA-Z0-9:_-]{1,128}',
} as const;
/** CreateThingGroup `thingGroupName`: `[a-zA-Z0-9:_-]+`, 1–128 characters. */
export const THING_GROUP_NAME = {
  label: 'thing group name',
  pattern: /^[a-zA-Z0-9:_-]{1,128}$/,
  expected: '[a-zA-Z0-9:_-]{1,128}',
} as const;
/** CreateThingType `thingTypeDescription` / CreateThingGroup `thingGroupDescription`: `[\p{Graph}\x20]*`, at most 2028 characters. */
export const DESCRIPTION = {
  label: 'description',
  pattern: /^[\x20-\x7e]{0,2028}$/,
  expected: 'printable ASCII, at most 2028 characters',
} as const;
/** CreatePolicy `policyName`: `[\w+=,.@-]+`, 1–128 characters. */
export const POLICY_NAME = {
  label: 'policy name',
  pattern: /^[\w+=,.@-]{1,128}$/,
  expected: '[\\w+=,.@-]{1,128}',
} as const;
/** AttributePayload key: `[a-zA-Z0-9_.,@/:#-]+`, at most 128 characters. */
export const ATTRIBUTE_NAME = {
  label: 'attribute name',
  pattern: /^[a-zA-Z0-9_.,@/:#-]{1,128}$/,
  expected: '[a-zA-Z0-9_.,@/:#-]{1,128}',
} as const;
/** AttributePayload value: `[a-zA-Z0-9_.,@/:#=\[\]-]*`, at most 800 characters. */
export const ATTRIBUTE_VALUE = {
  label: 'attribute value',
  pattern: /^[a-zA-Z0-9_.,@/:#=[\]-]{0,800}$/,
  expected: '[a-zA-Z0-9_.,@/:#=\\[\\]-]{0,800}',
} as const;
/** Policy version ids are the decimal numbers AWS hands out: "1", "2", ... */
export const POLICY_VERSION_ID = {
  label: 'policy version id',
  pattern: /^[1-9][0-9]{0,8}$/,
  expected: '[0-9]+',
} as const;

/** One of the name rules above. */
export interface NameRule {
  readonly label: string;
  readonly pattern: RegExp;
  readonly expected: string;
}
