import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { PageTokenSchema, queryInteger } from '../schemas.js';
import { toEpochSeconds } from '../toEpochSeconds.js';

/** ListProvisioningTemplates: `GET /provisioning-templates?maxResults=&nextToken=` (by name). */
export const listProvisioningTemplates = defineOperation({
  name: 'ListProvisioningTemplates',
  method: 'GET',
  path: '/provisioning-templates',
  input: z.object({
    query: z.object({
      // ListProvisioningTemplates: maxResults 1–250.
      maxResults: queryInteger(1, 250).optional(),
      nextToken: PageTokenSchema.optional(),
    }),
  }),
  run: (input, ctx) => {
    const page = ctx.registry.listProvisioningTemplates({
      ...(input.query.maxResults === undefined ? {} : { maxResults: input.query.maxResults }),
      ...(input.query.nextToken === undefined ? {} : { nextToken: input.query.nextToken }),
    });
    return {
      templates: page.items.map((t) => ({
        templateArn: t.templateArn,
        templateName: t.templateName,
        description: t.description,
        creationDate: toEpochSeconds(t.creationDate),
        lastModifiedDate: toEpochSeconds(t.lastModifiedDate),
        enabled: t.enabled,
        type: t.type,
      })),
      nextToken: page.nextToken,
    };
  },
});
