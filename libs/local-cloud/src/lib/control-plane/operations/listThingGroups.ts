import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import {
  PageSizeSchema,
  PageTokenSchema,
  QueryBooleanSchema,
  ThingGroupNameSchema,
} from '../schemas.js';

/**
 * ListThingGroups: `GET /thing-groups?parentGroup=&namePrefixFilter=&recursive=&nextToken=&maxResults=`.
 * Without `parentGroup` every group; with it its children (all descendants with `recursive`).
 */
export const listThingGroups = defineOperation({
  name: 'ListThingGroups',
  method: 'GET',
  path: '/thing-groups',
  input: z.object({
    query: z.object({
      nextToken: PageTokenSchema.optional(),
      maxResults: PageSizeSchema.optional(),
      parentGroup: ThingGroupNameSchema.optional(),
      namePrefixFilter: ThingGroupNameSchema.optional(),
      recursive: QueryBooleanSchema.optional(),
    }),
  }),
  run: (input, ctx) => {
    const { nextToken, maxResults, parentGroup, namePrefixFilter, recursive } = input.query;
    const page = ctx.registry.listThingGroups({
      ...(nextToken === undefined ? {} : { nextToken }),
      ...(maxResults === undefined ? {} : { maxResults }),
      ...(parentGroup === undefined ? {} : { parentGroup }),
      ...(namePrefixFilter === undefined ? {} : { namePrefixFilter }),
      ...(recursive === undefined ? {} : { recursive }),
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
