import { z } from 'zod';
import { ProvisioningTemplateNameSchema } from '../../fleet-provisioning/templateSchemas.js';
import { defineOperation } from '../defineOperation.js';

/** DeleteProvisioningTemplate: `DELETE /provisioning-templates/{templateName}`; ResourceNotFoundException when missing. */
export const deleteProvisioningTemplate = defineOperation({
  name: 'DeleteProvisioningTemplate',
  method: 'DELETE',
  path: '/provisioning-templates/{templateName}',
  input: z.object({ labels: z.object({ templateName: ProvisioningTemplateNameSchema }) }),
  resource: (input, ctx) =>
    `arn:aws:iot:${ctx.region}:${ctx.accountId}:provisioningtemplate/${input.labels.templateName}`,
  run: (input, ctx) => {
    ctx.registry.deleteProvisioningTemplate(input.labels.templateName);
    return {};
  },
});
