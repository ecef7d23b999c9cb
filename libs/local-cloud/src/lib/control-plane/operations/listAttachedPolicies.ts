import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { principalResource } from '../principalResource.js';
import {
  PageSizeSchema,
  PageTokenSchema,
  PrincipalHeaderSchema,
  QueryBooleanSchema,
} from '../schemas.js';

/**
 * ListAttachedPolicies: `POST /attached-policies/{target}?recursive=&marker=&pageSize=`.
 * `recursive` (thing-group inheritance) has nothing to add: the local cloud has no thing groups.
 */
export const listAttachedPolicies = defineOperation({
  name: 'ListAttachedPolicies',
  method: 'POST',
  path: '/attached-policies/{target}',
  input: z.object({
    labels: z.object({ target: PrincipalHeaderSchema }),
    query: z.object({
      recursive: QueryBooleanSchema.optional(),
      marker: PageTokenSchema.optional(),
      pageSize: PageSizeSchema.optional(),
    }),
  }),
  resource: (input) => principalResource(input.labels.target),
  run: (input, ctx) => {
    const page = ctx.registry.listAttachedPolicies(input.labels.target, {
      ...(input.query.marker === undefined ? {} : { nextToken: input.query.marker }),
      ...(input.query.pageSize === undefined ? {} : { maxResults: input.query.pageSize }),
    });
    return {
      policies: page.items.map((p) => ({ policyName: p.policyName, policyArn: p.policyArn })),
      nextMarker: page.nextToken,
    };
  },
});
