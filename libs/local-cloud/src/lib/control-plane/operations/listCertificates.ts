import { z } from 'zod';
import { certificatePage } from '../certificatePage.js';
import { defineOperation } from '../defineOperation.js';
import { CertificatePagingSchema } from '../schemas.js';

/** ListCertificates: `GET /certificates?pageSize=&marker=&isAscendingOrder=`; newest first by default. */
export const listCertificates = defineOperation({
  name: 'ListCertificates',
  method: 'GET',
  path: '/certificates',
  input: z.object({ query: CertificatePagingSchema }),
  run: (input, ctx) => certificatePage(ctx, input.query, undefined),
});
