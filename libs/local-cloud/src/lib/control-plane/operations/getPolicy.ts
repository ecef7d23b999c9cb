import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { policyOrNotFound } from '../policyOrNotFound.js';
import { PolicyNameSchema } from '../schemas.js';
import { toEpochSeconds } from '../toEpochSeconds.js';

/** GetPolicy: `GET /policies/{policyName}` (the default version's document). */
export const getPolicy = defineOperation({
  name: 'GetPolicy',
  method: 'GET',
  path: '/policies/{policyName}',
  input: z.object({ labels: z.object({ policyName: PolicyNameSchema }) }),
  resource: (input, ctx) => iotResourceArn(ctx, 'policy', input.labels.policyName),
  run: (input, ctx) => {
    const policy = policyOrNotFound(ctx, input.labels.policyName);
    const current = policy.versions.find((v) => v.isDefaultVersion);
    return {
      policyName: policy.policyName,
      policyArn: policy.policyArn,
      policyDocument: current?.document,
      defaultVersionId: policy.defaultVersionId,
      creationDate: toEpochSeconds(policy.creationDate),
      lastModifiedDate: toEpochSeconds(policy.lastModifiedDate),
      generationId: policy.generationId,
    };
  },
});
