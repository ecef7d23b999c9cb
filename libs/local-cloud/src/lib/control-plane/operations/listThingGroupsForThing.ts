import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { PageSizeSchema, PageTokenSchema, ThingNameSchema } from '../schemas.js';

/** ListThingGroupsForThing: `GET /things/{thingName}/thing-groups?nextToken=&maxResults=`. */
export const listThingGroupsForThing = defineOperation({
  name: 'ListThingGroupsForThing',
  method: 'GET',
  path: '/things/{thingName}/thing-groups',
  input: z.object({
    labels: z.object({ thingName: ThingNameSchema }),
    query: z.object({
      nextToken: PageTokenSchema.optional(),
      maxResults: PageSizeSchema.optional(),
    }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'thing', input.labels.thingName),
  run: (input, ctx) => {
    const { nextToken, maxResults } = input.query;
    const page = ctx.registry.listThingGroupsForThing(input.labels.thingName, {
      ...(nextToken === undefined ? {} : { nextToken }),
      ...(maxResults === undefined ? {} : { maxResults }),
    });
    return {
      thingGroups: page.items.map((g) => ({
        groupName: g.thingGroupName,
        groupArn: g.thingGroupArn,
      })),
      nextToken: page.nextToken,
    };
  },
});
