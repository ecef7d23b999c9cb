import { z } from 'zod';
import { certificatePage } from '../certificatePage.js';
import { defineOperation } from '../defineOperation.js';
import { iotResourceArn } from '../iotResourceArn.js';
import { CertificateIdSchema, CertificatePagingSchema } from '../schemas.js';

/** ListCertificatesByCA: `GET /certificates-by-ca/{caCertificateId}`. */
export const listCertificatesByCA = defineOperation({
  name: 'ListCertificatesByCA',
  method: 'GET',
  path: '/certificates-by-ca/{caCertificateId}',
  input: z.object({
    labels: z.object({ caCertificateId: CertificateIdSchema }),
    query: CertificatePagingSchema,
  }),
  resource: (input, ctx) => iotResourceArn(ctx, 'cacert', input.labels.caCertificateId),
  run: (input, ctx) => certificatePage(ctx, input.query, input.labels.caCertificateId),
});
