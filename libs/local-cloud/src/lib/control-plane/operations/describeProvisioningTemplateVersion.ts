import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import { ProvisioningTemplateNameSchema } from '../../fleet-provisioning/templateSchemas.js';
import { defineOperation } from '../defineOperation.js';
import { queryInteger } from '../schemas.js';
import { toEpochSeconds } from '../toEpochSeconds.js';

/**
 * DescribeProvisioningTemplateVersion: `GET /provisioning-templates/{templateName}/versions/{versionId}`
 * → `{ versionId, creationDate, templateBody, isDefaultVersion }`. ResourceNotFoundException for an
 * unknown template or version.
 */
export const describeProvisioningTemplateVersion = defineOperation({
  name: 'DescribeProvisioningTemplateVersion',
  method: 'GET',
  path: '/provisioning-templates/{templateName}/versions/{versionId}',
  input: z.object({
    labels: z.object({
      templateName: ProvisioningTemplateNameSchema,
      // versionId: an Integer in the API reference.
      versionId: queryInteger(1, 2_147_483_647),
    }),
  }),
  resource: (input, ctx) =>
    `arn:aws:iot:${ctx.region}:${ctx.accountId}:provisioningtemplate/${input.labels.templateName}`,
  run: (input, ctx) => {
    const { templateName, versionId } = input.labels;
    const version = ctx.registry.getProvisioningTemplateVersion(templateName, versionId);
    if (version === undefined) {
      throw new LocalCloudError(
        'NOT_FOUND',
        ctx.registry.getProvisioningTemplate(templateName) === undefined
          ? `The provisioning template "${templateName}" does not exist`
          : `Version ${versionId} of the provisioning template "${templateName}" does not exist`,
      );
    }
    return {
      versionId: version.versionId,
      creationDate: toEpochSeconds(version.creationDate),
      templateBody: version.body,
      isDefaultVersion: version.isDefaultVersion,
    };
  },
});
