import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { PageSizeSchema, PageTokenSchema, QueryBooleanSchema } from '../schemas.js';

/** ListPolicies: `GET /policies?marker=&pageSize=&isAscendingOrder=` (by name). */
export const listPolicies = defineOperation({
  name: 'ListPolicies',
  method: 'GET',
  path: '/policies',
  input: z.object({
    query: z.object({
      marker: PageTokenSchema.optional(),
      pageSize: PageSizeSchema.optional(),
      isAscendingOrder: QueryBooleanSchema.optional(),
    }),
  }),
  run: (input, ctx) => {
    const page = ctx.registry.listPolicies({
      ...(input.query.marker === undefined ? {} : { nextToken: input.query.marker }),
      ...(input.query.pageSize === undefined ? {} : { maxResults: input.query.pageSize }),
    });
    return {
      policies: page.items.map((p) => ({ policyName: p.policyName, policyArn: p.policyArn })),
      nextMarker: page.nextToken,
    };
  },
});
