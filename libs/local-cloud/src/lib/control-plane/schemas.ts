import { z } from 'zod';
import {
  ATTRIBUTE_NAME,
  ATTRIBUTE_VALUE,
  POLICY_NAME,
  POLICY_VERSION_ID,
  THING_GROUP_NAME,
  THING_NAME,
  THING_TYPE_NAME,
  type NameRule,
} from '../registry/patterns.js';

// Request field schemas shared by the operations, with the constraints of the AWS IoT API
// reference. Messages say what was expected; `defineOperation` adds what was received.

const named = (rule: NameRule) =>
  z.string({ error: `a string matching ${rule.expected}` }).regex(rule.pattern, {
    error: `a ${rule.label} matching ${rule.expected}`,
  });

export const ThingNameSchema = named(THING_NAME);
export const ThingTypeNameSchema = named(THING_TYPE_NAME);
export const ThingGroupNameSchema = named(THING_GROUP_NAME);
export const PolicyNameSchema = named(POLICY_NAME);
export const PolicyVersionIdSchema = named(POLICY_VERSION_ID);

/** Certificate ids: lowercase hex SHA-256 of the DER (API reference: `(0x)?[a-fA-F0-9]+`, 64 chars). */
export const CertificateIdSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: 'a certificate id of 64 lowercase hex digits' });

/** `AttributePayload` of CreateThing / UpdateThing. */
export const AttributePayloadSchema = z.object({
  attributes: z
    .record(
      named(ATTRIBUTE_NAME),
      z.string().regex(ATTRIBUTE_VALUE.pattern, {
        error: `an attribute value matching ${ATTRIBUTE_VALUE.expected}`,
      }),
    )
    .optional(),
  merge: z.boolean({ error: 'true or false' }).optional(),
});

/** A boolean query parameter as the SDK writes it (`true` / `false`). */
export const QueryBooleanSchema = z
  .enum(['true', 'false'], { error: '"true" or "false"' })
  .transform((v) => v === 'true');

/** An integer query parameter from `min` to `max`. */
export function queryInteger(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,10}$/, { error: `an integer from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { error: `an integer from ${min} to ${max}` })
        .max(max, { error: `an integer from ${min} to ${max}` }),
    );
}

/** `maxResults` / `pageSize` of the registry listings: 1–250. */
export const PageSizeSchema = queryInteger(1, 250);

/** A continuation token as this control plane hands it out. */
export const PageTokenSchema = z
  .string()
  .min(1)
  .max(1024, { error: 'a token of at most 1024 characters' });

/** The `x-amzn-principal` header (certificate ARN or Cognito identity id). */
export const PrincipalHeaderSchema = z
  .string({ error: 'the x-amzn-principal header with a certificate ARN or Cognito identity id' })
  .min(1)
  .max(2048);

/** A JSON policy document as text (CreatePolicy / CreatePolicyVersion `policyDocument`). */
export const PolicyDocumentTextSchema = z
  .string({ error: 'a policy document as a JSON string' })
  .min(1);

/** Statuses a caller may give RegisterCertificate and friends (CertificateStatus). */
export const CertificateStatusSchema = z.enum([
  'ACTIVE',
  'INACTIVE',
  'REVOKED',
  'PENDING_TRANSFER',
  'REGISTER_INACTIVE',
  'PENDING_ACTIVATION',
]);

/** Paging of ListCertificates / ListCertificatesByCA (`pageSize`, `marker`, `isAscendingOrder`). */
export const CertificatePagingSchema = z.object({
  pageSize: PageSizeSchema.optional(),
  marker: PageTokenSchema.optional(),
  isAscendingOrder: QueryBooleanSchema.optional(),
});

/** `ThingGroupProperties` of CreateThingGroup / UpdateThingGroup. */
export const ThingGroupPropertiesSchema = z.object({
  thingGroupDescription: z.string({ error: 'a description string' }).optional(),
  attributePayload: AttributePayloadSchema.optional(),
});
