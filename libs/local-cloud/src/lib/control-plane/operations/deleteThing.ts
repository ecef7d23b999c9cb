import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { queryInteger, ThingNameSchema } from '../schemas.js';

/** DeleteThing: `DELETE /things/{thingName}?expectedVersion=`. Succeeds for a missing thing (AWS). */
export const deleteThing = defineOperation({
  name: 'DeleteThing',
  method: 'DELETE',
  path: '/things/{thingName}',
  input: z.object({
    labels: z.object({ thingName: ThingNameSchema }),
    query: z.object({ expectedVersion: queryInteger(0, Number.MAX_SAFE_INTEGER).optional() }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'thing', input.labels.thingName),
  run: (input, ctx) => {
    ctx.registry.deleteThing(input.labels.thingName, input.query.expectedVersion);
    return {};
  },
});
