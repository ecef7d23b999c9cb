import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { PageSizeSchema, PageTokenSchema, PolicyNameSchema } from '../schemas.js';

/** ListTargetsForPolicy: `POST /policy-targets/{policyName}?marker=&pageSize=`. */
export const listTargetsForPolicy = defineOperation({
  name: 'ListTargetsForPolicy',
  method: 'POST',
  path: '/policy-targets/{policyName}',
  input: z.object({
    labels: z.object({ policyName: PolicyNameSchema }),
    query: z.object({ marker: PageTokenSchema.optional(), pageSize: PageSizeSchema.optional() }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'policy', input.labels.policyName),
  run: (input, ctx) => {
    const page = ctx.registry.listTargetsForPolicy(input.labels.policyName, {
      ...(input.query.marker === undefined ? {} : { nextToken: input.query.marker }),
      ...(input.query.pageSize === undefined ? {} : { maxResults: input.query.pageSize }),
    });
    return { targets: page.items, nextMarker: page.nextToken };
  },
});
