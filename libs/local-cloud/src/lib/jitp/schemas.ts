import { PROVISIONING_TEMPLATE_LIMITS } from '@iot-gateway-net/provisioning-templates';
import { z } from 'zod';
import { ProvisioningTemplateNameSchema } from '../fleet-provisioning/templateSchemas.js';

/**
 * `registrationConfig` of RegisterCACertificate and UpdateCACertificate, with the constraints of
 * the AWS IoT API reference (RegistrationConfig): `templateBody` at most 10,240 characters,
 * `templateName` `^[0-9A-Za-z_-]+$` of 1–36, `roleArn` 20–2048 characters.
 */
export const RegistrationConfigSchema = z.object({
  templateBody: z
    .string({ error: 'a provisioning template body as a JSON string' })
    .max(PROVISIONING_TEMPLATE_LIMITS.templateBodyLength, {
      error: `a template body of at most ${PROVISIONING_TEMPLATE_LIMITS.templateBodyLength} characters`,
    })
    .optional(),
  templateName: ProvisioningTemplateNameSchema.optional(),
  roleArn: z
    .string({ error: 'an IAM role ARN of 20 to 2048 characters' })
    .min(20, { error: 'an IAM role ARN of 20 to 2048 characters' })
    .max(2048, { error: 'an IAM role ARN of 20 to 2048 characters' })
    .optional(),
});

/** A CA's just-in-time provisioning configuration, as the control plane accepts it. */
export type RegistrationConfig = z.infer<typeof RegistrationConfigSchema>;
