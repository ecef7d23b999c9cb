import { z } from 'zod';
import { awsException } from '../awsException.js';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { CertificateIdSchema, QueryBooleanSchema } from '../schemas.js';

/**
 * DeleteCertificate: `DELETE /certificates/{certificateId}?forceDelete=`. An ACTIVE certificate
 * answers CertificateStateException; one attached to things, or to policies without
 * `forceDelete`, DeleteConflictException (API reference, DeleteCertificate).
 */
export const deleteCertificate = defineOperation({
  name: 'DeleteCertificate',
  method: 'DELETE',
  path: '/certificates/{certificateId}',
  input: z.object({
    labels: z.object({ certificateId: CertificateIdSchema }),
    query: z.object({ forceDelete: QueryBooleanSchema.optional() }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'cert', input.labels.certificateId),
  run: (input, ctx) => {
    const { certificateId } = input.labels;
    // Both checks run in the same synchronous turn, so nothing changes the status in between.
    if (ctx.registry.getCertificate(certificateId)?.status === 'ACTIVE') {
      throw awsException(
        'CertificateStateException',
        'Certificate must be deactivated (not ACTIVE) before deletion.',
      );
    }
    ctx.registry.deleteCertificate(certificateId, { force: input.query.forceDelete ?? false });
    return undefined;
  },
});
