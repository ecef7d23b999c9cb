import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import {
  PageSizeSchema,
  PageTokenSchema,
  QueryBooleanSchema,
  ThingGroupNameSchema,
} from '../schemas.js';

/**
 * ListThingsInThingGroup: `GET /thing-groups/{thingGroupName}/things?recursive=&nextToken=&maxResults=`;
 * with `recursive` also the things of its descendant groups.
 */
export const listThingsInThingGroup = defineOperation({
  name: 'ListThingsInThingGroup',
  method: 'GET',
  path: '/thing-groups/{thingGroupName}/things',
  input: z.object({
    labels: z.object({ thingGroupName: ThingGroupNameSchema }),
    query: z.object({
      nextToken: PageTokenSchema.optional(),
      maxResults: PageSizeSchema.optional(),
      recursive: QueryBooleanSchema.optional(),
    }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'thinggroup', input.labels.thingGroupName),
  run: (input, ctx) => {
    const { nextToken, maxResults, recursive } = input.query;
    const page = ctx.registry.listThingsInThingGroup(input.labels.thingGroupName, {
      ...(nextToken === undefined ? {} : { nextToken }),
      ...(maxResults === undefined ? {} : { maxResults }),
      ...(recursive === undefined ? {} : { recursive }),
    });
    return { things: page.items, nextToken: page.nextToken };
  },
});
