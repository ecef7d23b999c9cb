import { PolicyDocumentSchema } from '@iot-gateway-net/policy';
import { ThingNameSchema } from '@iot-gateway-net/topics';
import { z } from 'zod';
import { CERTIFICATE_STATUSES, OVERRIDE_ACTIONS } from '../template/constants.js';

/** An `OverrideSettings` action: what to do when the resource already exists. */
export const OverrideActionSchema = z.enum(OVERRIDE_ACTIONS);

/** An override action other than `MERGE` (AWS allows MERGE only for attributes and groups). */
export const NonMergeOverrideActionSchema = OverrideActionSchema.exclude(['MERGE']);

/** The thing a template creates or updates. */
export const ThingPlanSchema = z.strictObject({
  thingName: ThingNameSchema,
  attributePayload: z.record(z.string(), z.string()).optional(),
  thingTypeName: z.string().min(1).optional(),
  thingGroups: z.array(z.string().min(1)).optional(),
  billingGroup: z.string().min(1).optional(),
  overrideSettings: z.strictObject({
    attributePayload: OverrideActionSchema.optional(),
    thingTypeName: NonMergeOverrideActionSchema.optional(),
    thingGroups: OverrideActionSchema.optional(),
  }),
});

/** The certificate a template registers or activates: by id (fleet provisioning, JITP) or PEM. */
export const CertificatePlanSchema = z.strictObject({
  certificateId: z.string().min(1).optional(),
  certificatePem: z.string().min(1).optional(),
  status: z.enum(CERTIFICATE_STATUSES),
  overrideSettings: z.strictObject({ status: NonMergeOverrideActionSchema.optional() }),
});

/** A policy to attach to the certificate: an existing one by name, or a document to create. */
export const PolicyPlanSchema = z.union([
  z.strictObject({ policyName: z.string().min(1) }),
  z.strictObject({ policyDocument: PolicyDocumentSchema }),
]);

/**
 * What a provisioning template asks for once evaluated: every intrinsic function resolved, the
 * thing name valid, policy documents parsed. The local cloud applies it in one registry
 * transaction and answers RegisterThing with `deviceConfiguration`.
 */
export const ProvisioningPlanSchema = z.strictObject({
  thing: ThingPlanSchema.optional(),
  certificate: CertificatePlanSchema.optional(),
  policies: z.array(PolicyPlanSchema),
  deviceConfiguration: z.record(z.string(), z.string()),
});

/** See {@link ThingPlanSchema}. */
export type ThingPlan = z.infer<typeof ThingPlanSchema>;
/** See {@link CertificatePlanSchema}. */
export type CertificatePlan = z.infer<typeof CertificatePlanSchema>;
/** See {@link PolicyPlanSchema}. */
export type PolicyPlan = z.infer<typeof PolicyPlanSchema>;
/** See {@link ProvisioningPlanSchema}. */
export type ProvisioningPlan = z.infer<typeof ProvisioningPlanSchema>;
