import { z } from 'zod';
import { alreadyRegistered } from '../alreadyRegistered.js';
import { defineOperation } from '../defineOperation.js';
import { newCertificateRecord } from '../newCertificateRecord.js';
import { parseCertificatePem } from '../parseCertificatePem.js';
import { CertificateStatusSchema } from '../schemas.js';

/**
 * RegisterCertificateWithoutCA: `POST /certificate/register-no-ca`. Registers a certificate
 * signed by any CA (claim certificates are self-signed, design 12.1) in SNI_ONLY mode; INACTIVE
 * unless `status` says otherwise.
 */
export const registerCertificateWithoutCA = defineOperation({
  name: 'RegisterCertificateWithoutCA',
  method: 'POST',
  path: '/certificate/register-no-ca',
  input: z.object({
    body: z.object({
      certificatePem: z.string({ error: 'a PEM certificate' }).min(1).max(65536),
      status: CertificateStatusSchema.optional(),
    }),
  }),
  run: (input, ctx) => {
    const { certificatePem } = input.body;
    const parsed = parseCertificatePem(certificatePem, 'certificatePem', ctx.clock.now());
    const record = alreadyRegistered(ctx, parsed.certificateId, () =>
      ctx.registry.insertCertificate(
        newCertificateRecord(ctx, {
          certificateId: parsed.certificateId,
          certificatePem,
          notBefore: parsed.notBefore,
          notAfter: parsed.notAfter,
          status: input.body.status ?? 'INACTIVE',
          certificateMode: 'SNI_ONLY',
          origin: 'registered',
        }),
      ),
    );
    return { certificateArn: record.certificateArn, certificateId: record.certificateId };
  },
});
