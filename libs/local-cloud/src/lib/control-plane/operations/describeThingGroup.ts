import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { ThingGroupNameSchema } from '../schemas.js';
import { toEpochSeconds } from '../toEpochSeconds.js';

/** DescribeThingGroup: `GET /thing-groups/{thingGroupName}`. */
export const describeThingGroup = defineOperation({
  name: 'DescribeThingGroup',
  method: 'GET',
  path: '/thing-groups/{thingGroupName}',
  input: z.object({ labels: z.object({ thingGroupName: ThingGroupNameSchema }) }),
  resource: (input, ctx) => iotResourceArn(ctx, 'thinggroup', input.labels.thingGroupName),
  run: (input, ctx) => {
    const group = ctx.registry.getThingGroup(input.labels.thingGroupName);
    if (!group) {
      throw new LocalCloudError(
        'NOT_FOUND',
        `Thing group ${input.labels.thingGroupName} cannot be found.`,
      );
    }
    return {
      thingGroupName: group.thingGroupName,
      thingGroupId: group.thingGroupId,
      thingGroupArn: group.thingGroupArn,
      version: group.version,
      thingGroupProperties: {
        thingGroupDescription: group.thingGroupDescription,
        attributePayload: { attributes: group.attributes },
      },
      thingGroupMetadata: {
        parentGroupName: group.parentGroupName,
        rootToParentThingGroups: group.rootToParentThingGroups,
        creationDate: toEpochSeconds(group.creationDate),
      },
    };
  },
});
