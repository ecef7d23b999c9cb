import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { ThingTypeNameSchema } from '../schemas.js';

/**
 * DeleteThingType: `DELETE /thing-types/{thingTypeName}`. Only a type deprecated at least 5
 * minutes ago and used by no thing (InvalidRequestException otherwise).
 */
export const deleteThingType = defineOperation({
  name: 'DeleteThingType',
  method: 'DELETE',
  path: '/thing-types/{thingTypeName}',
  input: z.object({ labels: z.object({ thingTypeName: ThingTypeNameSchema }) }),
  resource: (input, ctx) => iotResourceArn(ctx, 'thingtype', input.labels.thingTypeName),
  run: (input, ctx) => {
    ctx.registry.deleteThingType(input.labels.thingTypeName);
    return {};
  },
});
