import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import { defineOperation } from '../defineOperation.js';
import { principalResource } from '../principalResource.js';
import { PrincipalHeaderSchema, ThingNameSchema } from '../schemas.js';

/**
 * AttachThingPrincipal: `PUT /things/{thingName}/principals` with the principal in the
 * `x-amzn-principal` header. `thingPrincipalType` EXCLUSIVE_THING is not supported locally.
 */
export const attachThingPrincipal = defineOperation({
  name: 'AttachThingPrincipal',
  method: 'PUT',
  path: '/things/{thingName}/principals',
  input: z.object({
    labels: z.object({ thingName: ThingNameSchema }),
    headers: z.object({ 'x-amzn-principal': PrincipalHeaderSchema }),
    query: z.object({
      thingPrincipalType: z.enum(['EXCLUSIVE_THING', 'NON_EXCLUSIVE_THING']).optional(),
    }),
  }),
  resource: (input) => principalResource(input.headers['x-amzn-principal']),
  run: (input, ctx) => {
    if (input.query.thingPrincipalType === 'EXCLUSIVE_THING') {
      throw new LocalCloudError(
        'INVALID_REQUEST',
        'Unexpected thingPrincipalType EXCLUSIVE_THING: the local cloud supports NON_EXCLUSIVE_THING only',
      );
    }
    ctx.registry.attachThingPrincipal(input.labels.thingName, input.headers['x-amzn-principal']);
    return {};
  },
});
