import { z } from 'zod';

/** RegisterThing-style parameters: string → string. */
const ParametersSchema = z.record(z.string(), z.string());

/**
 * What AWS IoT sends the pre-provisioning hook Lambda on RegisterThing (AWS IoT Developer Guide,
 * "Pre-provisioning hooks", hook input). `parameters` are the RegisterThing request's.
 */
export const PreProvisioningHookInputSchema = z.object({
  claimCertificateId: z.string(),
  certificateId: z.string(),
  certificatePem: z.string(),
  templateArn: z.string(),
  clientId: z.string(),
  parameters: ParametersSchema,
});

/**
 * What the hook returns ("Pre-provisioning hooks", return value): provisioning proceeds only with
 * `allowProvisioning: true`; `parameterOverrides` are added to the RegisterThing parameters.
 * Fields AWS does not define are ignored.
 */
export const PreProvisioningHookOutputSchema = z.object({
  allowProvisioning: z.boolean(),
  parameterOverrides: ParametersSchema.optional(),
});

/** See {@link PreProvisioningHookInputSchema}. */
export type PreProvisioningHookInput = z.infer<typeof PreProvisioningHookInputSchema>;
/** See {@link PreProvisioningHookOutputSchema}. */
export type PreProvisioningHookOutput = z.infer<typeof PreProvisioningHookOutputSchema>;
