import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { policyOrNotFound } from '../policyOrNotFound.js';
import { PolicyNameSchema, PolicyVersionIdSchema } from '../schemas.js';
import { toEpochSeconds } from '../toEpochSeconds.js';

/** GetPolicyVersion: `GET /policies/{policyName}/version/{policyVersionId}`. */
export const getPolicyVersion = defineOperation({
  name: 'GetPolicyVersion',
  method: 'GET',
  path: '/policies/{policyName}/version/{policyVersionId}',
  input: z.object({
    labels: z.object({ policyName: PolicyNameSchema, policyVersionId: PolicyVersionIdSchema }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'policy', input.labels.policyName),
  run: (input, ctx) => {
    const policy = policyOrNotFound(ctx, input.labels.policyName);
    const version = policy.versions.find((v) => v.versionId === input.labels.policyVersionId);
    if (!version) {
      throw new LocalCloudError(
        'NOT_FOUND',
        `Policy ${policy.policyName} has no version ${input.labels.policyVersionId}`,
      );
    }
    return {
      policyArn: policy.policyArn,
      policyName: policy.policyName,
      policyDocument: version.document,
      policyVersionId: version.versionId,
      isDefaultVersion: version.isDefaultVersion,
      creationDate: toEpochSeconds(version.createDate),
      lastModifiedDate: toEpochSeconds(policy.lastModifiedDate),
      generationId: policy.generationId,
    };
  },
});
