import { z } from 'zod';
import { LocalCloudError } from '../../errors/LocalCloudError.js';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { CertificateIdSchema } from '../schemas.js';
import { toEpochSeconds } from '../toEpochSeconds.js';

/** DescribeCertificate: `GET /certificates/{certificateId}`. */
export const describeCertificate = defineOperation({
  name: 'DescribeCertificate',
  method: 'GET',
  path: '/certificates/{certificateId}',
  input: z.object({ labels: z.object({ certificateId: CertificateIdSchema }) }),
  resource: (input, ctx) => iotResourceArn(ctx, 'cert', input.labels.certificateId),
  run: (input, ctx) => {
    const cert = ctx.registry.getCertificate(input.labels.certificateId);
    if (!cert) {
      throw new LocalCloudError(
        'NOT_FOUND',
        `Certificate ${input.labels.certificateId} does not exist`,
      );
    }
    return {
      certificateDescription: {
        certificateArn: cert.certificateArn,
        certificateId: cert.certificateId,
        caCertificateId: cert.caCertificateId,
        status: cert.status,
        certificatePem: cert.certificatePem,
        ownedBy: ctx.accountId,
        creationDate: toEpochSeconds(cert.creationDate),
        lastModifiedDate: toEpochSeconds(cert.lastModifiedDate),
        customerVersion: cert.customerVersion,
        generationId: `${cert.certificateId.slice(0, 16)}-${cert.customerVersion}`,
        validity: {
          notBefore: toEpochSeconds(cert.notBefore),
          notAfter: toEpochSeconds(cert.notAfter),
        },
        certificateMode: cert.certificateMode,
      },
    };
  },
});
