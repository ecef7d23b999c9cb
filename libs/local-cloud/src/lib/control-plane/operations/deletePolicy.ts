import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { PolicyNameSchema } from '../schemas.js';

/**
 * DeletePolicy: `DELETE /policies/{policyName}`. DeleteConflictException while the policy is
 * attached or has non-default versions (API reference, DeletePolicy).
 */
export const deletePolicy = defineOperation({
  name: 'DeletePolicy',
  method: 'DELETE',
  path: '/policies/{policyName}',
  input: z.object({ labels: z.object({ policyName: PolicyNameSchema }) }),
  resource: (input, ctx) => iotResourceArn(ctx, 'policy', input.labels.policyName),
  run: (input, ctx) => {
    ctx.registry.deletePolicy(input.labels.policyName);
    return undefined;
  },
});
