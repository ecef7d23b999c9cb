import { z } from 'zod';
import { ProvisioningTemplateNameSchema } from '../../fleet-provisioning/templateSchemas.js';
import { defineOperation } from '../defineOperation.js';
import { CertificatePagingSchema } from '../schemas.js';
import { toEpochSeconds } from '../toEpochSeconds.js';

/**
 * ListCACertificates: `GET /cacertificates?pageSize=&marker=&isAscendingOrder=&templateName=`, as
 * `@aws-sdk/client-iot` sends it: `{certificates: [{certificateArn, certificateId, status,
 * creationDate}], nextMarker}`, newest first unless `isAscendingOrder` (like ListCertificates);
 * `templateName` keeps the CAs whose JITP `registrationConfig` names that provisioning template.
 */
export const listCACertificates = defineOperation({
  name: 'ListCACertificates',
  method: 'GET',
  path: '/cacertificates',
  input: z.object({
    query: CertificatePagingSchema.extend({
      templateName: ProvisioningTemplateNameSchema.optional(),
    }),
  }),
  run: (input, ctx) => {
    const { pageSize, marker, isAscendingOrder, templateName } = input.query;
    const page = ctx.registry.listCaCertificates({
      ascendingOrder: isAscendingOrder ?? false,
      ...(pageSize === undefined ? {} : { maxResults: pageSize }),
      ...(marker === undefined ? {} : { nextToken: marker }),
      ...(templateName === undefined ? {} : { templateName }),
    });
    return {
      certificates: page.items.map((ca) => ({
        certificateArn: ca.caCertificateArn,
        certificateId: ca.caCertificateId,
        status: ca.status,
        creationDate: toEpochSeconds(ca.creationDate),
      })),
      nextMarker: page.nextToken,
    };
  },
});
