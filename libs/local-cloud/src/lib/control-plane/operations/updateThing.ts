import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { AttributePayloadSchema, ThingNameSchema, ThingTypeNameSchema } from '../schemas.js';

/** UpdateThing: `PATCH /things/{thingName}`. */
export const updateThing = defineOperation({
  name: 'UpdateThing',
  method: 'PATCH',
  path: '/things/{thingName}',
  input: z.object({
    labels: z.object({ thingName: ThingNameSchema }),
    body: z.object({
      thingTypeName: ThingTypeNameSchema.optional(),
      attributePayload: AttributePayloadSchema.optional(),
      expectedVersion: z.number({ error: 'an integer version' }).int().optional(),
      removeThingType: z.boolean({ error: 'true or false' }).optional(),
    }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'thing', input.labels.thingName),
  run: (input, ctx) => {
    const { thingTypeName, attributePayload, expectedVersion, removeThingType } = input.body;
    ctx.registry.updateThing({
      thingName: input.labels.thingName,
      ...(thingTypeName === undefined ? {} : { thingTypeName }),
      ...(removeThingType === undefined ? {} : { removeThingType }),
      ...(attributePayload?.attributes === undefined
        ? {}
        : { attributes: attributePayload.attributes }),
      ...(attributePayload?.merge === undefined ? {} : { merge: attributePayload.merge }),
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
    });
    return {};
  },
});
