import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import {
  PreProvisioningHookSchema,
  ProvisioningRoleArnSchema,
  ProvisioningTemplateNameSchema,
  TemplateDescriptionSchema,
} from '../../fleet-provisioning/templateSchemas.js';
import { awsException } from '../awsException.js';
import { defineOperation } from '../defineOperation.js';
import { validateProvisioningTemplateBody } from './validateProvisioningTemplateBody.js';

/**
 * CreateProvisioningTemplate: `POST /provisioning-templates`. The body is checked by
 * `validateProvisioningTemplateBody` at creation, so a template that uses anything unsupported (or
 * is malformed, or longer than 10,240 characters) answers InvalidRequestException naming the
 * construct and its JSON path. It becomes version 1, the default. `type` is `FLEET_PROVISIONING`
 * (default) or `JITP` (named by a CA's registration config); a JITP template cannot have a
 * pre-provisioning hook (AWS API reference, CreateProvisioningTemplate: hooks are for fleet
 * provisioning).
 */
export const createProvisioningTemplate = defineOperation({
  name: 'CreateProvisioningTemplate',
  method: 'POST',
  path: '/provisioning-templates',
  input: z.object({
    body: z.object({
      templateName: ProvisioningTemplateNameSchema,
      templateBody: z.string({ error: 'the template body as a JSON string' }),
      provisioningRoleArn: ProvisioningRoleArnSchema,
      description: TemplateDescriptionSchema.optional(),
      enabled: z.boolean({ error: 'true or false' }).optional(),
      preProvisioningHook: PreProvisioningHookSchema.optional(),
      tags: z.array(z.object({ Key: z.string(), Value: z.string().optional() })).optional(),
      type: z
        .enum(['FLEET_PROVISIONING', 'JITP'], { error: '"FLEET_PROVISIONING" or "JITP"' })
        .optional(),
    }),
  }),
  resource: (input, ctx) =>
    `arn:aws:iot:${ctx.region}:${ctx.accountId}:provisioningtemplate/${input.body.templateName}`,
  run: (input, ctx) => {
    const { body } = input;
    validateProvisioningTemplateBody(body.templateBody);
    const type = body.type ?? 'FLEET_PROVISIONING';
    if (type === 'JITP' && body.preProvisioningHook !== undefined) {
      throw awsException(
        'InvalidRequestException',
        'A pre-provisioning hook can only be set on a FLEET_PROVISIONING template',
      );
    }
    try {
      const template = ctx.registry.createProvisioningTemplate({
        templateName: body.templateName,
        templateBody: body.templateBody,
        provisioningRoleArn: body.provisioningRoleArn,
        ...(body.description === undefined ? {} : { description: body.description }),
        ...(body.enabled === undefined ? {} : { enabled: body.enabled }),
        ...(body.preProvisioningHook === undefined
          ? {}
          : { preProvisioningHook: body.preProvisioningHook }),
        type,
      });
      return {
        templateArn: template.templateArn,
        templateName: template.templateName,
        defaultVersionId: template.defaultVersionId,
      };
    } catch (error) {
      if (error instanceof LocalCloudError && error.code === 'ALREADY_EXISTS') {
        throw awsException('ResourceAlreadyExistsException', error.message, {
          resourceId: body.templateName,
        });
      }
      throw error;
    }
  },
});
