import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { resourceNameFrom } from '../resourceNameFrom.js';
import { ThingGroupNameSchema, ThingNameSchema } from '../schemas.js';

/**
 * RemoveThingFromThingGroup: `PUT /thing-groups/removeThingFromThingGroup` with the group and the
 * thing each by name or ARN. Succeeds when the thing is not a member.
 */
export const removeThingFromThingGroup = defineOperation({
  name: 'RemoveThingFromThingGroup',
  method: 'PUT',
  path: '/thing-groups/removeThingFromThingGroup',
  input: z.object({
    body: z.object({
      thingGroupName: ThingGroupNameSchema.optional(),
      thingGroupArn: z.string().optional(),
      thingName: ThingNameSchema.optional(),
      thingArn: z.string().optional(),
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
    ctx.registry.removeThingFromThingGroup(
      resourceNameFrom(ctx, 'thinggroup', body.thingGroupName, body.thingGroupArn),
      resourceNameFrom(ctx, 'thing', body.thingName, body.thingArn),
    );
    return {};
  },
});
