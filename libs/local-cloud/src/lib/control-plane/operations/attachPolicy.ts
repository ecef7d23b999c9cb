import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { principalResource } from '../principalResource.js';
import { PolicyNameSchema, PrincipalHeaderSchema } from '../schemas.js';

/**
 * AttachPolicy: `PUT /target-policies/{policyName}` with `{ target }` (a certificate ARN or a
 * Cognito identity id). More than 10 policies on one target answers LimitExceededException.
 */
export const attachPolicy = defineOperation({
  name: 'AttachPolicy',
  method: 'PUT',
  path: '/target-policies/{policyName}',
  input: z.object({
    labels: z.object({ policyName: PolicyNameSchema }),
    body: z.object({ target: PrincipalHeaderSchema }),
  }),
  resource: (input) => principalResource(input.body.target),
  run: (input, ctx) => {
    ctx.registry.attachPolicy(input.labels.policyName, input.body.target);
    return undefined;
  },
});
