import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import { awsException } from '../awsException.js';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { AttributePayloadSchema, ThingNameSchema, ThingTypeNameSchema } from '../schemas.js';

/** CreateThing: `POST /things/{thingName}`. */
export const createThing = defineOperation({
  name: 'CreateThing',
  method: 'POST',
  path: '/things/{thingName}',
  input: z.object({
    labels: z.object({ thingName: ThingNameSchema }),
    body: z.object({
      thingTypeName: ThingTypeNameSchema.optional(),
      attributePayload: AttributePayloadSchema.optional(),
      billingGroupName: z.string().optional(),
    }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'thing', input.labels.thingName),
  run: (input, ctx) => {
    const { thingName } = input.labels;
    try {
      const thing = ctx.registry.createThing({
        thingName,
        ...(input.body.thingTypeName === undefined
          ? {}
          : { thingTypeName: input.body.thingTypeName }),
        attributes: input.body.attributePayload?.attributes ?? {},
      });
      return { thingName: thing.thingName, thingArn: thing.thingArn, thingId: thing.thingId };
    } catch (error) {
      // CreateThing: ResourceAlreadyExistsException carries the existing thing's id and ARN.
      const existing = ctx.registry.getThing(thingName);
      if (error instanceof LocalCloudError && error.code === 'ALREADY_EXISTS' && existing) {
        throw awsException(
          'ResourceAlreadyExistsException',
          `Thing ${thingName} already exists in account with different attributes`,
          { resourceId: existing.thingId, resourceArn: existing.thingArn },
        );
      }
      throw error;
    }
  },
});
