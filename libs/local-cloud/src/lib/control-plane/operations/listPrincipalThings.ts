import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { principalResource } from '../principalResource.js';
import { PageSizeSchema, PageTokenSchema, PrincipalHeaderSchema } from '../schemas.js';

/** ListPrincipalThings: `GET /principals/things?nextToken=&maxResults=` (principal in `x-amzn-principal`). */
export const listPrincipalThings = defineOperation({
  name: 'ListPrincipalThings',
  method: 'GET',
  path: '/principals/things',
  input: z.object({
    headers: z.object({ 'x-amzn-principal': PrincipalHeaderSchema }),
    query: z.object({
      nextToken: PageTokenSchema.optional(),
      maxResults: PageSizeSchema.optional(),
    }),
  }),
  resource: (input) => principalResource(input.headers['x-amzn-principal']),
  run: (input, ctx) => {
    const page = ctx.registry.listPrincipalThings(input.headers['x-amzn-principal'], {
      ...(input.query.nextToken === undefined ? {} : { nextToken: input.query.nextToken }),
      ...(input.query.maxResults === undefined ? {} : { maxResults: input.query.maxResults }),
    });
    return { things: page.items, nextToken: page.nextToken };
  },
});
