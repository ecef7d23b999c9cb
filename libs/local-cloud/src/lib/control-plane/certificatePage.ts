import type { z } from 'zod';
import type { CloudContext } from '../context/CloudContext.js';
import type { CertificatePagingSchema } from './schemas.js';
import { toEpochSeconds } from './toEpochSeconds.js';

/** One page of ListCertificates / ListCertificatesByCA (AWS hides provisioning-claim certificates). */
export function certificatePage(
  ctx: CloudContext,
  query: z.output<typeof CertificatePagingSchema>,
  caCertificateId: string | undefined,
): Record<string, unknown> {
  const page = ctx.registry.listCertificates({
    ...(query.pageSize === undefined ? {} : { maxResults: query.pageSize }),
    ...(query.marker === undefined ? {} : { nextToken: query.marker }),
    ...(query.isAscendingOrder === undefined ? {} : { ascendingOrder: query.isAscendingOrder }),
    ...(caCertificateId === undefined ? {} : { caCertificateId }),
  });
  return {
    certificates: page.items.map((c) => ({
      certificateArn: c.certificateArn,
      certificateId: c.certificateId,
      status: c.status,
      certificateMode: c.certificateMode,
      creationDate: toEpochSeconds(c.creationDate),
    })),
    nextMarker: page.nextToken,
  };
}
