import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { ThingTypeNameSchema } from '../schemas.js';

/** DeprecateThingType: `POST /thing-types/{thingTypeName}/deprecate` with `{ undoDeprecate }`. */
export const deprecateThingType = defineOperation({
  name: 'DeprecateThingType',
  method: 'POST',
  path: '/thing-types/{thingTypeName}/deprecate',
  input: z.object({
    labels: z.object({ thingTypeName: ThingTypeNameSchema }),
    body: z.object({ undoDeprecate: z.boolean({ error: 'true or false' }).optional() }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'thingtype', input.labels.thingTypeName),
  run: (input, ctx) => {
    ctx.registry.deprecateThingType(input.labels.thingTypeName, input.body.undoDeprecate ?? false);
    return {};
  },
});
