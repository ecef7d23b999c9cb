import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { CertificateIdSchema, CertificateStatusSchema } from '../schemas.js';

/**
 * UpdateCertificate: `PUT /certificates/{certificateId}?newStatus=`. REVOKED is final
 * (CertificateStateException). AWS: "Setting the status to PENDING_TRANSFER or PENDING_ACTIVATION
 * will result in an exception being thrown" — they are statuses IoT uses internally.
 */
export const updateCertificate = defineOperation({
  name: 'UpdateCertificate',
  method: 'PUT',
  path: '/certificates/{certificateId}',
  input: z.object({
    labels: z.object({ certificateId: CertificateIdSchema }),
    query: z.object({ newStatus: CertificateStatusSchema }),
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'cert', input.labels.certificateId),
  errors: { CONFLICT: 'CertificateStateException' },
  run: (input, ctx) => {
    const { newStatus } = input.query;
    if (newStatus === 'PENDING_TRANSFER' || newStatus === 'PENDING_ACTIVATION') {
      throw new LocalCloudError(
        'INVALID_REQUEST',
        `Unexpected newStatus ${newStatus}, expected ACTIVE, INACTIVE, REVOKED or REGISTER_INACTIVE (${newStatus} is set by AWS IoT itself)`,
      );
    }
    ctx.registry.updateCertificateStatus(input.labels.certificateId, newStatus);
    return undefined;
  },
});
