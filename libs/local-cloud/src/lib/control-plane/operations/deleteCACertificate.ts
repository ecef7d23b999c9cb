import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { CertificateIdSchema } from '../schemas.js';

/**
 * DeleteCACertificate: `DELETE /cacertificate/{certificateId}`, answered with `{}`. An ACTIVE CA
 * answers CertificateStateException: it must be deactivated first (UpdateCACertificate
 * `newStatus=INACTIVE`), as Terraform's `aws_iot_ca_certificate` does before deleting one. Device certificates registered under the CA are not a conflict (the API reference lists
 * no DeleteConflictException for this operation): they stay registered and keep their
 * `caCertificateId`.
 *
 * @throws {LocalCloudError} ResourceNotFoundException for an unknown CA, CertificateStateException
 *   for an ACTIVE one.
 */
export const deleteCACertificate = defineOperation({
  name: 'DeleteCACertificate',
  method: 'DELETE',
  path: '/cacertificate/{certificateId}',
  input: z.object({ labels: z.object({ certificateId: CertificateIdSchema }) }),
  resource: (input, ctx) => iotResourceArn(ctx, 'cacert', input.labels.certificateId),
  errors: { CONFLICT: 'CertificateStateException' },
  run: (input, ctx) => {
    ctx.registry.deleteCaCertificate(input.labels.certificateId);
    return {};
  },
});
