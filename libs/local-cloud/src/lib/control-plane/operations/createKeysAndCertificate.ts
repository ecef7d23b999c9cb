import { z } from 'zod';
import { defineOperation } from '../defineOperation.js';
import { newCertificateRecord } from '../newCertificateRecord.js';
import { QueryBooleanSchema } from '../schemas.js';
import { deviceCertificateValidity } from '../../context/deviceCertificateValidity.js';

/**
 * CreateKeysAndCertificate: `POST /keys-and-certificate?setAsActive=`. The local root CA issues
 * an EC P-256 key and a certificate of `ctx.deviceCertificateLifetimeDays` (365 days by default; AWS's own run to 2049); it is INACTIVE unless `setAsActive` (AWS's default).
 */
export const createKeysAndCertificate = defineOperation({
  name: 'CreateKeysAndCertificate',
  method: 'POST',
  path: '/keys-and-certificate',
  input: z.object({ query: z.object({ setAsActive: QueryBooleanSchema.optional() }) }),
  run: async (input, ctx) => {
    const issued = await ctx.ca.issueKeyAndCertificate(deviceCertificateValidity(ctx));
    const record = ctx.registry.insertCertificate(
      newCertificateRecord(ctx, {
        ...issued,
        status: input.query.setAsActive ? 'ACTIVE' : 'INACTIVE',
        certificateMode: 'DEFAULT',
        origin: 'api',
      }),
    );
    return {
      certificateArn: record.certificateArn,
      certificateId: record.certificateId,
      certificatePem: record.certificatePem,
      keyPair: { PublicKey: issued.publicKeyPem, PrivateKey: issued.privateKeyPem },
    };
  },
});
