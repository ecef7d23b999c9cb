import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { PolicyDocumentTextSchema, PolicyNameSchema, QueryBooleanSchema } from '../schemas.js';
import { validatePolicyDocument } from '../validatePolicyDocument.js';

/**
 * CreatePolicyVersion: `POST /policies/{policyName}/version?setAsDefault=`. A sixth version
 * answers VersionsLimitExceededException (AWS keeps at most five).
 */
export const createPolicyVersion = defineOperation({
  name: 'CreatePolicyVersion',
  method: 'POST',
  path: '/policies/{policyName}/version',
  input: z.object({
    labels: z.object({ policyName: PolicyNameSchema }),
    query: z.object({ setAsDefault: QueryBooleanSchema.optional() }),
    body: z.object({ policyDocument: PolicyDocumentTextSchema }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'policy', input.labels.policyName),
  errors: { LIMIT_EXCEEDED: 'VersionsLimitExceededException' },
  run: (input, ctx) => {
    validatePolicyDocument(input.body.policyDocument);
    const version = ctx.registry.createPolicyVersion(
      input.labels.policyName,
      input.body.policyDocument,
      input.query.setAsDefault ?? false,
    );
    return {
      policyArn: iotResourceArn(ctx, 'policy', input.labels.policyName),
      policyDocument: version.document,
      policyVersionId: version.versionId,
      isDefaultVersion: version.isDefaultVersion,
    };
  },
});
