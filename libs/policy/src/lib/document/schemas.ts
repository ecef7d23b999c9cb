import { z } from 'zod';
import { parseConditionOperator } from '../conditions/parseConditionOperator.js';

/** The only policy language version AWS IoT accepts, and the first with policy variables. */
export const POLICY_VERSION = '2012-10-17';

// IAM User Guide, "IAM JSON policy elements: Action": `service:action`, wildcards allowed.
const ACTION_PATTERN = /^(?:\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]+)$/;
// IAM User Guide, "IAM JSON policy elements: Resource": `*` or an ARN of six colon-separated parts.
const RESOURCE_PATTERN = /^(?:\*|arn:[^:]*:[^:]*:[^:]*:[^:]*:[\s\S]+)$/;

const ActionSchema = z.string().regex(ACTION_PATTERN, {
  error: 'expected an action "*" or "service:action" such as "iot:Publish"',
});

const ResourceSchema = z.string().regex(RESOURCE_PATTERN, {
  error: 'expected "*" or an ARN "arn:partition:service:region:account:resource"',
});

const oneOrMore = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).min(1, { error: 'expected at least one entry' })], {
    error: 'expected a string or a non-empty array of strings',
  });

const ConditionScalarSchema = z.union([z.string(), z.number(), z.boolean()], {
  error: 'expected a string, number or boolean',
});

/** The value of one condition key: a scalar or a non-empty array of scalars. */
export const ConditionValueSchema = z.union(
  [
    ConditionScalarSchema,
    z.array(ConditionScalarSchema).min(1, { error: 'expected at least one value' }),
  ],
  { error: 'expected a string, number, boolean or a non-empty array of them' },
);

const ConditionOperatorNameSchema = z
  .string()
  .refine((name) => parseConditionOperator(name) !== undefined, {
    error:
      'expected a condition operator such as "StringEquals", "StringLike", "Bool", "ArnLike", "NumericLessThan", "IpAddress" or "Null", optionally "ForAnyValue:"/"ForAllValues:"-qualified and "IfExists"-suffixed',
  });

/** `{ "<Operator>": { "<key>": value | [values] } }`; keys ANDed, values ORed. */
export const ConditionBlockSchema = z.record(
  ConditionOperatorNameSchema,
  z.record(
    z.string().min(1, { error: 'expected a non-empty condition key' }),
    ConditionValueSchema,
    {
      error: 'expected an object of condition keys',
    },
  ),
  { error: 'expected an object of condition operators' },
);

/**
 * One policy statement (IAM User Guide, "IAM JSON policy element reference"). Exactly one of
 * `Action` / `NotAction` and exactly one of `Resource` / `NotResource`. `Principal` is refused:
 * identity policies and AWS IoT policies never name one.
 */
export const PolicyStatementSchema = z
  .strictObject(
    {
      Sid: z.string({ error: 'expected a string' }).optional(),
      Effect: z.enum(['Allow', 'Deny'], { error: 'expected "Allow" or "Deny"' }),
      Action: oneOrMore(ActionSchema).optional(),
      NotAction: oneOrMore(ActionSchema).optional(),
      Resource: oneOrMore(ResourceSchema).optional(),
      NotResource: oneOrMore(ResourceSchema).optional(),
      Condition: ConditionBlockSchema.optional(),
    },
    { error: 'expected a statement object' },
  )
  .check((ctx) => {
    const statement = ctx.value;
    if ((statement.Action === undefined) === (statement.NotAction === undefined)) {
      ctx.issues.push({
        code: 'custom',
        input: statement,
        path: [statement.Action === undefined ? 'Action' : 'NotAction'],
        message: 'expected exactly one of "Action" or "NotAction"',
      });
    }
    if ((statement.Resource === undefined) === (statement.NotResource === undefined)) {
      ctx.issues.push({
        code: 'custom',
        input: statement,
        path: [statement.Resource === undefined ? 'Resource' : 'NotResource'],
        message: 'expected exactly one of "Resource" or "NotResource"',
      });
    }
  });

/**
 * An IAM identity policy or AWS IoT policy document: `{ Version: '2012-10-17', Statement }` with
 * `Statement` one statement or a non-empty array of them.
 */
export const PolicyDocumentSchema = z.strictObject(
  {
    Version: z.literal(POLICY_VERSION, { error: `expected "${POLICY_VERSION}"` }),
    Id: z.string({ error: 'expected a string' }).optional(),
    Statement: z.union(
      [
        PolicyStatementSchema,
        z.array(PolicyStatementSchema).min(1, { error: 'expected at least one statement' }),
      ],
      { error: 'expected a statement object or a non-empty array of statements' },
    ),
  },
  { error: 'expected a policy document object' },
);

/** A policy document as JSON: what the builders return and what AWS stores. */
export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;

/** One statement of a {@link PolicyDocument}. */
export type PolicyStatement = z.infer<typeof PolicyStatementSchema>;

/** The `Condition` element of a {@link PolicyStatement}. */
export type ConditionBlock = z.infer<typeof ConditionBlockSchema>;
