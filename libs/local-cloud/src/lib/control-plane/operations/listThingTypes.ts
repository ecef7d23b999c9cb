import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { PageSizeSchema, PageTokenSchema, ThingTypeNameSchema } from '../schemas.js';
import { toThingTypeDefinition } from '../toThingTypeDefinition.js';

/** ListThingTypes: `GET /thing-types?thingTypeName=&nextToken=&maxResults=`. */
export const listThingTypes = defineOperation({
  name: 'ListThingTypes',
  method: 'GET',
  path: '/thing-types',
  input: z.object({
    query: z.object({
      nextToken: PageTokenSchema.optional(),
      maxResults: PageSizeSchema.optional(),
      thingTypeName: ThingTypeNameSchema.optional(),
    }),
  }),
  run: (input, ctx) => {
    const { nextToken, maxResults, thingTypeName } = input.query;
    const page = ctx.registry.listThingTypes({
      ...(nextToken === undefined ? {} : { nextToken }),
      ...(maxResults === undefined ? {} : { maxResults }),
      ...(thingTypeName === undefined ? {} : { thingTypeName }),
    });
    return { thingTypes: page.items.map(toThingTypeDefinition), nextToken: page.nextToken };
  },
});
