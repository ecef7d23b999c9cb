import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { PolicyNameSchema, PolicyVersionIdSchema } from '../schemas.js';

/** SetDefaultPolicyVersion: `PATCH /policies/{policyName}/version/{policyVersionId}`. */
export const setDefaultPolicyVersion = defineOperation({
  name: 'SetDefaultPolicyVersion',
  method: 'PATCH',
  path: '/policies/{policyName}/version/{policyVersionId}',
  input: z.object({
    labels: z.object({ policyName: PolicyNameSchema, policyVersionId: PolicyVersionIdSchema }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'policy', input.labels.policyName),
  run: (input, ctx) => {
    ctx.registry.setDefaultPolicyVersion(input.labels.policyName, input.labels.policyVersionId);
    return undefined;
  },
});
