import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { PageSizeSchema, PageTokenSchema, ThingNameSchema } from '../schemas.js';

/** ListThingPrincipals: `GET /things/{thingName}/principals?nextToken=&maxResults=`. */
export const listThingPrincipals = defineOperation({
  name: 'ListThingPrincipals',
  method: 'GET',
  path: '/things/{thingName}/principals',
  input: z.object({
    labels: z.object({ thingName: ThingNameSchema }),
    query: z.object({
      nextToken: PageTokenSchema.optional(),
      maxResults: PageSizeSchema.optional(),
    }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'thing', input.labels.thingName),
  run: (input, ctx) => {
    const page = ctx.registry.listThingPrincipals(input.labels.thingName, {
      ...(input.query.nextToken === undefined ? {} : { nextToken: input.query.nextToken }),
      ...(input.query.maxResults === undefined ? {} : { maxResults: input.query.maxResults }),
    });
    return { principals: page.items, nextToken: page.nextToken };
  },
});
