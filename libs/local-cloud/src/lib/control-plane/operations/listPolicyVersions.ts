import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { policyOrNotFound } from '../policyOrNotFound.js';
import { PolicyNameSchema } from '../schemas.js';
import { toEpochSeconds } from '../toEpochSeconds.js';

/** ListPolicyVersions: `GET /policies/{policyName}/version`. */
export const listPolicyVersions = defineOperation({
  name: 'ListPolicyVersions',
  method: 'GET',
  path: '/policies/{policyName}/version',
  input: z.object({ labels: z.object({ policyName: PolicyNameSchema }) }),
  resource: (input, ctx) => iotResourceArn(ctx, 'policy', input.labels.policyName),
  run: (input, ctx) => ({
    policyVersions: policyOrNotFound(ctx, input.labels.policyName).versions.map((v) => ({
      versionId: v.versionId,
      isDefaultVersion: v.isDefaultVersion,
      createDate: toEpochSeconds(v.createDate),
    })),
  }),
});
