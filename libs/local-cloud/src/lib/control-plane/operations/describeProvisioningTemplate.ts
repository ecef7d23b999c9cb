import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import { ProvisioningTemplateNameSchema } from '../../fleet-provisioning/templateSchemas.js';
import { defineOperation } from '../defineOperation.js';
import { toEpochSeconds } from '../toEpochSeconds.js';

/** DescribeProvisioningTemplate: `GET /provisioning-templates/{templateName}`. */
export const describeProvisioningTemplate = defineOperation({
  name: 'DescribeProvisioningTemplate',
  method: 'GET',
  path: '/provisioning-templates/{templateName}',
  input: z.object({ labels: z.object({ templateName: ProvisioningTemplateNameSchema }) }),
  resource: (input, ctx) =>
    `arn:aws:iot:${ctx.region}:${ctx.accountId}:provisioningtemplate/${input.labels.templateName}`,
  run: (input, ctx) => {
    const template = ctx.registry.getProvisioningTemplate(input.labels.templateName);
    if (!template) {
      throw new LocalCloudError(
        'NOT_FOUND',
        `The provisioning template "${input.labels.templateName}" does not exist`,
      );
    }
    return {
      templateArn: template.templateArn,
      templateName: template.templateName,
      description: template.description,
      creationDate: toEpochSeconds(template.creationDate),
      lastModifiedDate: toEpochSeconds(template.lastModifiedDate),
      defaultVersionId: template.defaultVersionId,
      templateBody: template.templateBody,
      enabled: template.enabled,
      provisioningRoleArn: template.provisioningRoleArn,
      preProvisioningHook: template.preProvisioningHook,
      type: template.type,
    };
  },
});
