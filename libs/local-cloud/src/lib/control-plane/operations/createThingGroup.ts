import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import { awsException } from '../awsException.js';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { ThingGroupNameSchema, ThingGroupPropertiesSchema } from '../schemas.js';

/** CreateThingGroup: `POST /thing-groups/{thingGroupName}` (static groups; `parentGroupName` nests). */
export const createThingGroup = defineOperation({
  name: 'CreateThingGroup',
  method: 'POST',
  path: '/thing-groups/{thingGroupName}',
  input: z.object({
    labels: z.object({ thingGroupName: ThingGroupNameSchema }),
    body: z.object({
      parentGroupName: ThingGroupNameSchema.optional(),
      thingGroupProperties: ThingGroupPropertiesSchema.optional(),
      tags: z.array(z.unknown()).optional(),
    }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'thinggroup', input.labels.thingGroupName),
  run: (input, ctx) => {
    const { thingGroupName } = input.labels;
    const { parentGroupName, thingGroupProperties } = input.body;
    const description = thingGroupProperties?.thingGroupDescription;
    try {
      const group = ctx.registry.createThingGroup({
        thingGroupName,
        ...(parentGroupName === undefined ? {} : { parentGroupName }),
        ...(description === undefined ? {} : { thingGroupDescription: description }),
        attributes: thingGroupProperties?.attributePayload?.attributes ?? {},
      });
      return {
        thingGroupName: group.thingGroupName,
        thingGroupArn: group.thingGroupArn,
        thingGroupId: group.thingGroupId,
      };
    } catch (error) {
      // ResourceAlreadyExistsException carries the existing resource's id and ARN.
      const existing = ctx.registry.getThingGroup(thingGroupName);
      if (error instanceof LocalCloudError && error.code === 'ALREADY_EXISTS' && existing) {
        throw awsException('ResourceAlreadyExistsException', error.message, {
          resourceId: existing.thingGroupId,
          resourceArn: existing.thingGroupArn,
        });
      }
      throw error;
    }
  },
});
