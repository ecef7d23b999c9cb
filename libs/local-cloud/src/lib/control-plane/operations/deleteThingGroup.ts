import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { queryInteger, ThingGroupNameSchema } from '../schemas.js';

/**
 * DeleteThingGroup: `DELETE /thing-groups/{thingGroupName}?expectedVersion=`. Succeeds for a
 * missing group (the API lists no ResourceNotFoundException); refused while it has child groups.
 */
export const deleteThingGroup = defineOperation({
  name: 'DeleteThingGroup',
  method: 'DELETE',
  path: '/thing-groups/{thingGroupName}',
  input: z.object({
    labels: z.object({ thingGroupName: ThingGroupNameSchema }),
    query: z.object({ expectedVersion: queryInteger(0, Number.MAX_SAFE_INTEGER).optional() }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'thinggroup', input.labels.thingGroupName),
  run: (input, ctx) => {
    ctx.registry.deleteThingGroup(input.labels.thingGroupName, input.query.expectedVersion);
    return {};
  },
});
