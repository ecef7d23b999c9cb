import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import { defineOperation } from '../defineOperation.js';
import { PageSizeSchema, PageTokenSchema, QueryBooleanSchema } from '../schemas.js';

/** ListThings: `GET /things`. */
export const listThings = defineOperation({
  name: 'ListThings',
  method: 'GET',
  path: '/things',
  input: z.object({
    query: z.object({
      nextToken: PageTokenSchema.optional(),
      maxResults: PageSizeSchema.optional(),
      attributeName: z.string().optional(),
      attributeValue: z.string().optional(),
      thingTypeName: z.string().optional(),
      usePrefixAttributeValue: QueryBooleanSchema.optional(),
    }),
  }),
  run: (input, ctx) => {
    const { nextToken, maxResults, attributeName, attributeValue, thingTypeName } = input.query;
    if (input.query.usePrefixAttributeValue) {
      throw new LocalCloudError(
        'INVALID_REQUEST',
        'Unexpected usePrefixAttributeValue=true: the local cloud matches attribute values exactly, expected false or nothing',
      );
    }
    const page = ctx.registry.listThings({
      ...(nextToken === undefined ? {} : { nextToken }),
      ...(maxResults === undefined ? {} : { maxResults }),
      ...(attributeName === undefined ? {} : { attributeName }),
      ...(attributeValue === undefined ? {} : { attributeValue }),
      ...(thingTypeName === undefined ? {} : { thingTypeName }),
    });
    return {
      things: page.items.map((t) => ({
        thingName: t.thingName,
        thingTypeName: t.thingTypeName,
        thingArn: t.thingArn,
        attributes: t.attributes,
        version: t.version,
      })),
      nextToken: page.nextToken,
    };
  },
});
