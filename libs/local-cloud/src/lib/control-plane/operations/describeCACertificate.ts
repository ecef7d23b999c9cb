import { parseCertificate } from '@iot-gateway-net/pki';
import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { CertificateIdSchema } from '../schemas.js';
import { toEpochSeconds } from '../toEpochSeconds.js';

/**
 * DescribeCACertificate: `GET /cacertificate/{certificateId}`: `{certificateDescription,
 * registrationConfig}`, the latter the CA's JITP template body or name and role as stored (absent
 * when none is set).
 */
export const describeCACertificate = defineOperation({
  name: 'DescribeCACertificate',
  method: 'GET',
  path: '/cacertificate/{certificateId}',
  input: z.object({ labels: z.object({ certificateId: CertificateIdSchema }) }),
  resource: (input, ctx) => iotResourceArn(ctx, 'cacert', input.labels.certificateId),
  run: (input, ctx) => {
    const ca = ctx.registry.getCaCertificate(input.labels.certificateId);
    if (!ca) {
      throw new LocalCloudError(
        'NOT_FOUND',
        `CA certificate ${input.labels.certificateId} does not exist`,
      );
    }
    const parsed = parseCertificate(ca.caCertificatePem);
    return {
      certificateDescription: {
        certificateArn: ca.caCertificateArn,
        certificateId: ca.caCertificateId,
        status: ca.status,
        certificatePem: ca.caCertificatePem,
        ownedBy: ctx.accountId,
        creationDate: toEpochSeconds(ca.creationDate),
        autoRegistrationStatus: ca.autoRegistrationStatus,
        lastModifiedDate: toEpochSeconds(ca.lastModifiedDate),
        customerVersion: ca.customerVersion,
        validity: {
          notBefore: toEpochSeconds(parsed.notBefore.getTime()),
          notAfter: toEpochSeconds(parsed.notAfter.getTime()),
        },
        certificateMode: ca.certificateMode,
      },
      registrationConfig: ca.registrationConfig,
    };
  },
});
