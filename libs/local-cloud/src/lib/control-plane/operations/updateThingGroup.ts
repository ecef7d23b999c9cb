import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { ThingGroupNameSchema, ThingGroupPropertiesSchema } from '../schemas.js';

/** UpdateThingGroup: `PATCH /thing-groups/{thingGroupName}`; answers the new `version`. */
export const updateThingGroup = defineOperation({
  name: 'UpdateThingGroup',
  method: 'PATCH',
  path: '/thing-groups/{thingGroupName}',
  input: z.object({
    labels: z.object({ thingGroupName: ThingGroupNameSchema }),
    body: z.object({
      thingGroupProperties: ThingGroupPropertiesSchema,
      expectedVersion: z.number({ error: 'an integer version' }).int().optional(),
    }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'thinggroup', input.labels.thingGroupName),
  run: (input, ctx) => {
    const { thingGroupProperties: properties, expectedVersion } = input.body;
    const payload = properties.attributePayload;
    const group = ctx.registry.updateThingGroup({
      thingGroupName: input.labels.thingGroupName,
      ...(properties.thingGroupDescription === undefined
        ? {}
        : { thingGroupDescription: properties.thingGroupDescription }),
      ...(payload?.attributes === undefined ? {} : { attributes: payload.attributes }),
      ...(payload?.merge === undefined ? {} : { merge: payload.merge }),
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
    });
    return { version: group.version };
  },
});
