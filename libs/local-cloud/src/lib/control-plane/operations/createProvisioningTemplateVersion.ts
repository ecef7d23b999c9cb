import { z } from 'zod';
import { ProvisioningTemplateNameSchema } from '../../fleet-provisioning/templateSchemas.js';
import { defineOperation } from '../defineOperation.js';
import { QueryBooleanSchema } from '../schemas.js';
import { validateProvisioningTemplateBody } from './validateProvisioningTemplateBody.js';

/**
 * CreateProvisioningTemplateVersion: `POST /provisioning-templates/{templateName}/versions?setAsDefault=`
 * (AWS IoT API reference). The body is checked exactly as CreateProvisioningTemplate checks it
 * (InvalidRequestException naming the construct); `setAsDefault` defaults to `false`, and a default
 * version is what RegisterThing provisions with from then on. ResourceNotFoundException for an
 * unknown template; VersionsLimitExceededException when it already has 5 versions.
 */
export const createProvisioningTemplateVersion = defineOperation({
  name: 'CreateProvisioningTemplateVersion',
  method: 'POST',
  path: '/provisioning-templates/{templateName}/versions',
  input: z.object({
    labels: z.object({ templateName: ProvisioningTemplateNameSchema }),
    query: z.object({ setAsDefault: QueryBooleanSchema.optional() }),
    body: z.object({ templateBody: z.string({ error: 'the template body as a JSON string' }) }),
  }),
  resource: (input, ctx) =>
    `arn:aws:iot:${ctx.region}:${ctx.accountId}:provisioningtemplate/${input.labels.templateName}`,
  errors: { LIMIT_EXCEEDED: 'VersionsLimitExceededException' },
  run: (input, ctx) => {
    const { templateName } = input.labels;
    validateProvisioningTemplateBody(input.body.templateBody);
    const version = ctx.registry.createProvisioningTemplateVersion(templateName, {
      templateBody: input.body.templateBody,
      setAsDefault: input.query.setAsDefault ?? false,
    });
    return {
      templateArn: `arn:aws:iot:${ctx.region}:${ctx.accountId}:provisioningtemplate/${templateName}`,
      templateName,
      versionId: version.versionId,
      isDefaultVersion: version.isDefaultVersion,
    };
  },
});
