import { z } from 'zod';
import {
  PreProvisioningHookSchema,
  ProvisioningRoleArnSchema,
  ProvisioningTemplateNameSchema,
  TemplateDescriptionSchema,
} from '../../fleet-provisioning/templateSchemas.js';
import { defineOperation } from '../defineOperation.js';

/**
 * UpdateProvisioningTemplate: `PATCH /provisioning-templates/{templateName}` (description,
 * enabled, defaultVersionId, provisioningRoleArn, preProvisioningHook, removePreProvisioningHook).
 * `defaultVersionId` makes that version (CreateProvisioningTemplateVersion) the one RegisterThing
 * provisions with; ResourceNotFoundException for an unknown template or version.
 */
export const updateProvisioningTemplate = defineOperation({
  name: 'UpdateProvisioningTemplate',
  method: 'PATCH',
  path: '/provisioning-templates/{templateName}',
  input: z.object({
    labels: z.object({ templateName: ProvisioningTemplateNameSchema }),
    body: z.object({
      description: TemplateDescriptionSchema.optional(),
      enabled: z.boolean({ error: 'true or false' }).optional(),
      defaultVersionId: z.number({ error: 'an integer version id' }).int().optional(),
      provisioningRoleArn: ProvisioningRoleArnSchema.optional(),
      preProvisioningHook: PreProvisioningHookSchema.optional(),
      removePreProvisioningHook: z.boolean({ error: 'true or false' }).optional(),
    }),
  }),
  resource: (input, ctx) =>
    `arn:aws:iot:${ctx.region}:${ctx.accountId}:provisioningtemplate/${input.labels.templateName}`,
  run: (input, ctx) => {
    const b = input.body;
    ctx.registry.updateProvisioningTemplate(input.labels.templateName, {
      ...(b.description === undefined ? {} : { description: b.description }),
      ...(b.enabled === undefined ? {} : { enabled: b.enabled }),
      ...(b.defaultVersionId === undefined ? {} : { defaultVersionId: b.defaultVersionId }),
      ...(b.provisioningRoleArn === undefined
        ? {}
        : { provisioningRoleArn: b.provisioningRoleArn }),
      ...(b.preProvisioningHook === undefined
        ? {}
        : { preProvisioningHook: b.preProvisioningHook }),
      ...(b.removePreProvisioningHook === undefined
        ? {}
        : { removePreProvisioningHook: b.removePreProvisioningHook }),
    });
    return {};
  },
});
