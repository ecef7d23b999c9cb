import { z } from 'zod';
import { ProvisioningTemplateNameSchema } from '../../fleet-provisioning/templateSchemas.js';
import { defineOperation } from '../defineOperation.js';
import { queryInteger } from '../schemas.js';

/**
 * DeleteProvisioningTemplateVersion: `DELETE /provisioning-templates/{templateName}/versions/{versionId}`.
 * The default version cannot be deleted: DeleteConflictException (409, "You can't delete the
 * resource because it is attached to one or more resources", the only conflict this API declares
 * besides concurrent updates); make another version the default (UpdateProvisioningTemplate
 * `defaultVersionId`) or delete the template. ResourceNotFoundException for an unknown template or
 * version.
 */
export const deleteProvisioningTemplateVersion = defineOperation({
  name: 'DeleteProvisioningTemplateVersion',
  method: 'DELETE',
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
  errors: { CONFLICT: 'DeleteConflictException' },
  run: (input, ctx) => {
    ctx.registry.deleteProvisioningTemplateVersion(
      input.labels.templateName,
      input.labels.versionId,
    );
    return undefined;
  },
});
