import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { resourceNameFrom } from '../resourceNameFrom.js';
import { ThingGroupNameSchema, ThingNameSchema } from '../schemas.js';

/**
 * AddThingToThingGroup: `PUT /thing-groups/addThingToThingGroup` with the group and the thing
 * each by name or ARN. A thing belongs to at most 10 groups (InvalidRequestException past that).
 */
export const addThingToThingGroup = defineOperation({
  name: 'AddThingToThingGroup',
  method: 'PUT',
  path: '/thing-groups/addThingToThingGroup',
  input: z.object({
    body: z.object({
      thingGroupName: ThingGroupNameSchema.optional(),
      thingGroupArn: z.string().optional(),
      thingName: ThingNameSchema.optional(),
      thingArn: z.string().optional(),
      overrideDynamicGroups: z.boolean({ error: 'true or false' }).optional(),
    }),
  }),
  resource: (input, ctx) =>
    iotResourceArn(
      ctx,
      'thinggroup',
      resourceNameFrom(ctx, 'thinggroup', input.body.thingGroupName, input.body.thingGroupArn),
    ),
  run: (input, ctx) => {
    const { body } = input;
    ctx.registry.addThingToThingGroup(
      resourceNameFrom(ctx, 'thinggroup', body.thingGroupName, body.thingGroupArn),
      resourceNameFrom(ctx, 'thing', body.thingName, body.thingArn),
    );
    return {};
  },
});
