import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import { awsException } from '../awsException.js';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { ThingTypeNameSchema } from '../schemas.js';

/** CreateThingType: `POST /thing-types/{thingTypeName}`. */
export const createThingType = defineOperation({
  name: 'CreateThingType',
  method: 'POST',
  path: '/thing-types/{thingTypeName}',
  input: z.object({
    labels: z.object({ thingTypeName: ThingTypeNameSchema }),
    body: z.object({
      thingTypeProperties: z
        .object({
          thingTypeDescription: z.string({ error: 'a description string' }).optional(),
          searchableAttributes: z
            .array(z.string(), { error: 'a list of attribute names' })
            .optional(),
        })
        .optional(),
      tags: z.array(z.unknown()).optional(),
    }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'thingtype', input.labels.thingTypeName),
  run: (input, ctx) => {
    const { thingTypeName } = input.labels;
    const properties = input.body.thingTypeProperties ?? {};
    try {
      const type = ctx.registry.createThingType({
        thingTypeName,
        ...(properties.thingTypeDescription === undefined
          ? {}
          : { thingTypeDescription: properties.thingTypeDescription }),
        ...(properties.searchableAttributes === undefined
          ? {}
          : { searchableAttributes: properties.searchableAttributes }),
      });
      return {
        thingTypeName: type.thingTypeName,
        thingTypeArn: type.thingTypeArn,
        thingTypeId: type.thingTypeId,
      };
    } catch (error) {
      // ResourceAlreadyExistsException carries the existing resource's id and ARN.
      const existing = ctx.registry.getThingType(thingTypeName);
      if (error instanceof LocalCloudError && error.code === 'ALREADY_EXISTS' && existing) {
        throw awsException('ResourceAlreadyExistsException', error.message, {
          resourceId: existing.thingTypeId,
          resourceArn: existing.thingTypeArn,
        });
      }
      throw error;
    }
  },
});
