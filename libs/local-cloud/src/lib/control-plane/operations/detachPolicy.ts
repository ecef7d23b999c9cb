import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { principalResource } from '../principalResource.js';
import { PolicyNameSchema, PrincipalHeaderSchema } from '../schemas.js';

/** DetachPolicy: `POST /target-policies/{policyName}` with `{ target }`. */
export const detachPolicy = defineOperation({
  name: 'DetachPolicy',
  method: 'POST',
  path: '/target-policies/{policyName}',
  input: z.object({
    labels: z.object({ policyName: PolicyNameSchema }),
    body: z.object({ target: PrincipalHeaderSchema }),
  }),
  resource: (input) => principalResource(input.body.target),
  run: (input, ctx) => {
    ctx.registry.detachPolicy(input.labels.policyName, input.body.target);
    return undefined;
  },
});
