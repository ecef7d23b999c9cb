import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import { awsException } from '../awsException.js';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { PolicyDocumentTextSchema, PolicyNameSchema } from '../schemas.js';
import { validatePolicyDocument } from '../validatePolicyDocument.js';

/** CreatePolicy: `POST /policies/{policyName}`; a bad document answers MalformedPolicyException. */
export const createPolicy = defineOperation({
  name: 'CreatePolicy',
  method: 'POST',
  path: '/policies/{policyName}',
  input: z.object({
    labels: z.object({ policyName: PolicyNameSchema }),
    body: z.object({
      policyDocument: PolicyDocumentTextSchema,
      tags: z.array(z.object({ Key: z.string(), Value: z.string().optional() })).optional(),
    }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'policy', input.labels.policyName),
  run: (input, ctx) => {
    const { policyName } = input.labels;
    validatePolicyDocument(input.body.policyDocument);
    try {
      const policy = ctx.registry.createPolicy(policyName, input.body.policyDocument);
      return {
        policyName: policy.policyName,
        policyArn: policy.policyArn,
        policyDocument: input.body.policyDocument,
        policyVersionId: policy.defaultVersionId,
      };
    } catch (error) {
      if (error instanceof LocalCloudError && error.code === 'ALREADY_EXISTS') {
        throw awsException('ResourceAlreadyExistsException', error.message, {
          resourceId: policyName,
          resourceArn: iotResourceArn(ctx, 'policy', policyName),
        });
      }
      throw error;
    }
  },
});
