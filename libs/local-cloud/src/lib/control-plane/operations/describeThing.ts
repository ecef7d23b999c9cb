import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { ThingNameSchema } from '../schemas.js';

/** DescribeThing: `GET /things/{thingName}`. */
export const describeThing = defineOperation({
  name: 'DescribeThing',
  method: 'GET',
  path: '/things/{thingName}',
  input: z.object({ labels: z.object({ thingName: ThingNameSchema }) }),
  resource: (input, ctx) => iotResourceArn(ctx, 'thing', input.labels.thingName),
  run: (input, ctx) => {
    const thing = ctx.registry.getThing(input.labels.thingName);
    if (!thing) {
      throw new LocalCloudError('NOT_FOUND', `Thing ${input.labels.thingName} cannot be found.`);
    }
    return {
      // DescribeThing: "The default MQTT client ID. For a typical device, the thing name is also
      // used as the default MQTT client ID."
      defaultClientId: thing.thingName,
      thingName: thing.thingName,
      thingId: thing.thingId,
      thingArn: thing.thingArn,
      thingTypeName: thing.thingTypeName,
      attributes: thing.attributes,
      version: thing.version,
    };
  },
});
