import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { principalResource } from '../principalResource.js';
import { PrincipalHeaderSchema, ThingNameSchema } from '../schemas.js';

/** DetachThingPrincipal: `DELETE /things/{thingName}/principals` (principal in `x-amzn-principal`). */
export const detachThingPrincipal = defineOperation({
  name: 'DetachThingPrincipal',
  method: 'DELETE',
  path: '/things/{thingName}/principals',
  input: z.object({
    labels: z.object({ thingName: ThingNameSchema }),
    headers: z.object({ 'x-amzn-principal': PrincipalHeaderSchema }),
  }),
  resource: (input) => principalResource(input.headers['x-amzn-principal']),
  run: (input, ctx) => {
    ctx.registry.detachThingPrincipal(input.labels.thingName, input.headers['x-amzn-principal']);
    return {};
  },
});
