import { z } from 'zod';
import { ProvisioningTemplateNameSchema } from '../../fleet-provisioning/templateSchemas.js';
import { defineOperation } from '../defineOperation.js';
import { PageTokenSchema, queryInteger } from '../schemas.js';
import { toEpochSeconds } from '../toEpochSeconds.js';

/**
 * ListProvisioningTemplateVersions: `GET /provisioning-templates/{templateName}/versions?maxResults=&nextToken=`
 * → `{ versions: [{ versionId, creationDate, isDefaultVersion }], nextToken }`, by version id.
 * ResourceNotFoundException for an unknown template.
 */
export const listProvisioningTemplateVersions = defineOperation({
  name: 'ListProvisioningTemplateVersions',
  method: 'GET',
  path: '/provisioning-templates/{templateName}/versions',
  input: z.object({
    labels: z.object({ templateName: ProvisioningTemplateNameSchema }),
    query: z.object({
      // ListProvisioningTemplateVersions: maxResults 1–250.
      maxResults: queryInteger(1, 250).optional(),
      nextToken: PageTokenSchema.optional(),
    }),
  }),
  resource: (input, ctx) =>
    `arn:aws:iot:${ctx.region}:${ctx.accountId}:provisioningtemplate/${input.labels.templateName}`,
  run: (input, ctx) => {
    const { query } = input;
    const page = ctx.registry.listProvisioningTemplateVersions(input.labels.templateName, {
      ...(query.maxResults === undefined ? {} : { maxResults: query.maxResults }),
      ...(query.nextToken === undefined ? {} : { nextToken: query.nextToken }),
    });
    return {
      versions: page.items.map((v) => ({
        versionId: v.versionId,
        creationDate: toEpochSeconds(v.creationDate),
        isDefaultVersion: v.isDefaultVersion,
      })),
      nextToken: page.nextToken,
    };
  },
});
