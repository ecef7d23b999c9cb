import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { PolicyNameSchema, PolicyVersionIdSchema } from '../schemas.js';

/**
 * DeletePolicyVersion: `DELETE /policies/{policyName}/version/{policyVersionId}`. The default
 * version cannot be deleted this way (DeleteConflictException; use DeletePolicy).
 */
export const deletePolicyVersion = defineOperation({
  name: 'DeletePolicyVersion',
  method: 'DELETE',
  path: '/policies/{policyName}/version/{policyVersionId}',
  input: z.object({
    labels: z.object({ policyName: PolicyNameSchema, policyVersionId: PolicyVersionIdSchema }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'policy', input.labels.policyName),
  run: (input, ctx) => {
    ctx.registry.deletePolicyVersion(input.labels.policyName, input.labels.policyVersionId);
    return undefined;
  },
});
