import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { ThingTypeNameSchema } from '../schemas.js';
import { toThingTypeDefinition } from '../toThingTypeDefinition.js';

/** DescribeThingType: `GET /thing-types/{thingTypeName}`. */
export const describeThingType = defineOperation({
  name: 'DescribeThingType',
  method: 'GET',
  path: '/thing-types/{thingTypeName}',
  input: z.object({ labels: z.object({ thingTypeName: ThingTypeNameSchema }) }),
  resource: (input, ctx) => iotResourceArn(ctx, 'thingtype', input.labels.thingTypeName),
  run: (input, ctx) => {
    const type = ctx.registry.getThingType(input.labels.thingTypeName);
    if (!type) {
      throw new LocalCloudError(
        'NOT_FOUND',
        `Thing type ${input.labels.thingTypeName} cannot be found.`,
      );
    }
    return { ...toThingTypeDefinition(type), thingTypeId: type.thingTypeId };
  },
});
