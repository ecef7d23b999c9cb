import { z } from 'zod';

// Request fields of the provisioning-template operations, with the constraints of the AWS IoT API
// reference (CreateProvisioningTemplate, UpdateProvisioningTemplate).

/** `templateName`: `^[0-9A-Za-z_-]+$`, 1–36 characters. */
export const ProvisioningTemplateNameSchema = z
  .string({ error: 'a template name matching [0-9A-Za-z_-]{1,36}' })
  .regex(/^[0-9A-Za-z_-]{1,36}$/, { error: 'a template name matching [0-9A-Za-z_-]{1,36}' });

/** `preProvisioningHook`: `{ targetArn, payloadVersion? }`; the only payload version is `2020-04-01`. */
export const PreProvisioningHookSchema = z.object({
  targetArn: z.string({ error: 'a hook target ARN' }).min(1).max(2048),
  payloadVersion: z
    .string()
    .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, { error: 'a payload version like 2020-04-01' })
    .default('2020-04-01'),
});

/** `provisioningRoleArn`: an IAM role ARN, 20–2048 characters. */
export const ProvisioningRoleArnSchema = z
  .string({ error: 'an IAM role ARN of 20 to 2048 characters' })
  .min(20, { error: 'an IAM role ARN of 20 to 2048 characters' })
  .max(2048, { error: 'an IAM role ARN of 20 to 2048 characters' });

/** `description`: at most 500 characters. */
export const TemplateDescriptionSchema = z
  .string()
  .max(500, { error: 'a description of at most 500 characters' });
